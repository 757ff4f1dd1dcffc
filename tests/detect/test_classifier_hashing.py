"""The shipped model's features are computed without scikit-learn at prediction time.

The model was trained on n-grams hashed with scikit-learn's ``murmurhash3_32``; prediction
hashes them with ``mmh3``. If the two ever differed, every score would silently change. And
if prediction imported scikit-learn again, each ingest worker would carry ~95 MiB more
(scikit-learn pulls in pandas and joblib), which is what keeps ingest under its memory target.
"""

from __future__ import annotations

import subprocess
import sys

from propwatch.detect.classifier import N_FEATURES, _word_grams, _WordHasher

WORDS = [
    "хуросон", "ҳиҷрат", "rofiziylar", "o'zbek", "рафизилер", "مجاهدین", "د", "ښځې",
    "الخلافة", "şehit", "caliphate", "ӯ", "x", "Москва", "پوهنتون", "ᵏᵃᶠⁱʳ",
]


def test_prediction_hash_is_the_training_hash() -> None:
    from sklearn.utils import murmurhash3_32

    hasher = _WordHasher()
    for word in WORDS:
        expected = [abs(int(murmurhash3_32(g, seed=0))) % N_FEATURES for g in _word_grams(word)]
        assert hasher.columns(word).tolist() == expected, word


def test_detection_does_not_import_scikit_learn() -> None:
    # What an ingest worker runs: the whole default pipeline on a batch.
    code = (
        "import sys\n"
        "from datetime import UTC, datetime\n"
        "from propwatch.analyze import Pipeline\n"
        "from propwatch.model import Message, RawItem\n"
        "texts = ['Ҳиҷрат ба Хуросон фарз аст, бародарон!', 'Взрыв в Кермане: 95 погибших.']\n"
        "items = [RawItem(source='t.json', source_format='telegram_json', position=str(i),\n"
        "    channel_key='telegram:1', channel_name='c', message_id=str(i),\n"
        "    date=datetime(2024, 1, 3, tzinfo=UTC), edited=None, text=t, raw={})\n"
        "    for i, t in enumerate(texts)]\n"
        "batch = Pipeline()([Message(item) for item in items])\n"
        "assert any(a.kind == 'detection' for a in batch[0].annotations), batch[0].annotations\n"
        "print(sorted(m for m in ('sklearn', 'pandas', 'joblib') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_counts_are_the_summed_n_gram_counts_of_each_text() -> None:
    import numpy as np
    import scipy.sparse as sp

    texts = ["", "хуросон хуросон ҳиҷрат", "", "", "a b a", " ".join(WORDS), "ᵏᵃᶠⁱʳ x", "d", ""]
    reference = _WordHasher()
    rows, cols = [], []
    for i, text in enumerate(texts):
        for word in text.split():
            found = reference.columns(word).tolist()
            rows += [i] * len(found)
            cols += found
    shape = (len(texts), N_FEATURES)
    expected = sp.coo_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=shape)
    got = _WordHasher().counts(texts)
    assert got.has_canonical_format
    assert got.dtype == np.float32
    assert (got != expected.tocsr()).nnz == 0
    assert got[1].max() == 2.0  # the repeated word's n-grams count twice
    assert got[0].nnz == got[2].nnz == got[3].nnz == got[8].nnz == 0
