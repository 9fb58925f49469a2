#!/usr/bin/python3
"""Makes lending_club_predictions.csv: real predictions of a real model on held-out rows.

    /usr/bin/python3 tests/LatentOps.Cli.Tests/Commands/Evaluate/Fixtures/make_predictions.py

Data: samples/lending_club.csv (Debian r-cran-modeldata 1.1.0, MIT). Model: scikit-learn 1.2.1 (numbers median-imputed)
LogisticRegression on standardised numbers and one-hot categories, fitted on a stratified 70% and
applied to the other 30%. Columns: Class (good/bad), p_bad (probability of bad), addr_state,
annual_inc, term. Also writes the scikit-learn metric values of that file (for the CLI test).
"""
import csv
import json
import os

import numpy as np
from sklearn import metrics as m
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", ".."))
with open(os.path.join(ROOT, "samples", "lending_club.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
categorical = ["term", "sub_grade", "addr_state", "verification_status", "emp_length"]
numeric = [c for c in rows[0] if c not in categorical + ["Class"]]
x_num = np.array([[float(r[c]) if r[c] not in ("", "NA") else np.nan for c in numeric] for r in rows])
x_num = np.where(np.isnan(x_num), np.nanmedian(x_num, axis=0), x_num)
x_cat = np.array([[r[c] for c in categorical] for r in rows], dtype=object)
y = np.array([1 if r["Class"] == "bad" else 0 for r in rows])
x = np.concatenate([x_num.astype(object), x_cat], axis=1)
idx = np.arange(len(rows))
train, test = train_test_split(idx, test_size=0.3, stratify=y, random_state=7)
k = len(numeric)
model = make_pipeline(
    ColumnTransformer([("num", StandardScaler(), list(range(k))),
                       ("cat", OneHotEncoder(handle_unknown="ignore"), list(range(k, k + len(categorical))))]),
    LogisticRegression(C=0.1, max_iter=2000),
)
model.fit(x[train], y[train])
p = np.round(model.predict_proba(x[test])[:, 1], 6)
with open(os.path.join(HERE, "lending_club_predictions.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Class", "p_bad", "addr_state", "annual_inc", "term"])
    for i, pi in zip(test, p):
        r = rows[i]
        w.writerow([r["Class"], repr(float(pi)), r["addr_state"], r["annual_inc"], r["term"]])
yt = y[test]
expected = {
    "rocAucScore": m.roc_auc_score(yt, p),
    "averagePrecisionScore": m.average_precision_score(yt, p),
    "logLoss": m.log_loss(yt, np.column_stack([1 - p, p])),
    "brierLoss": m.brier_score_loss(yt, p),
    "accuracyScore": m.accuracy_score(yt, (p > 0.5).astype(int)),
}
with open(os.path.join(HERE, "lending_club_predictions.expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
print(len(test), expected)
