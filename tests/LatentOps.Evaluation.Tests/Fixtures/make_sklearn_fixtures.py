#!/usr/bin/python3
"""Builds sklearn_metrics.json: reference metric values computed by Debian's python3-sklearn.

Run with Debian's interpreter (not the python3 first on PATH):
    /usr/bin/python3 tests/LatentOps.Evaluation.Tests/Fixtures/make_sklearn_fixtures.py
The C# tests compare LatentOps.Evaluation against the committed JSON (to 1e-9) and never need Python.
A metric scikit-learn refuses (raises ValueError) is recorded as null with the message in "errors".
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as m
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import label_binarize

warnings.filterwarnings("ignore")
rng = np.random.default_rng(20261127)
HERE = os.path.dirname(os.path.abspath(__file__))


def safe(fn):
    try:
        value = float(fn())
        return value, None
    except ValueError as e:
        return None, str(e)


def classification_case(name, y, proba, note=""):
    """y: int labels 0..K-1; proba: n x K probabilities (rows sum to 1)."""
    y = np.asarray(y, dtype=int)
    proba = np.asarray(proba, dtype=float)
    k = proba.shape[1]
    pred = proba.argmax(axis=1)  # ties -> lowest class index, like LatentOps
    expected, errors = {}, {}

    def put(key, fn):
        v, e = safe(fn)
        expected[key] = v
        if e is not None:
            errors[key] = e

    put("accuracyScore", lambda: m.accuracy_score(y, pred))
    put("balancedAccuracyScore", lambda: m.balanced_accuracy_score(y, pred))
    for avg in ("macro", "micro", "weighted"):
        cap = avg.capitalize()
        put(f"precision{cap}Score", lambda: m.precision_score(y, pred, average=avg, zero_division=0))
        put(f"recall{cap}Score", lambda: m.recall_score(y, pred, average=avg, zero_division=0))
        put(f"f1{cap}Score", lambda: m.f1_score(y, pred, average=avg, zero_division=0))
    put("matthewsCorrelationScore", lambda: m.matthews_corrcoef(y, pred))
    put("logLoss", lambda: m.log_loss(y, proba, labels=list(range(k))))
    if k == 2:
        p = proba[:, 1]
        put("precisionScore", lambda: m.precision_score(y, pred, zero_division=0))
        put("recallScore", lambda: m.recall_score(y, pred, zero_division=0))
        put("f1Score", lambda: m.f1_score(y, pred, zero_division=0))
        put("rocAucScore", lambda: m.roc_auc_score(y, p))
        put("averagePrecisionScore", lambda: m.average_precision_score(y, p))

        def pr_auc():
            precision, recall, _ = m.precision_recall_curve(y, p)
            return m.auc(recall, precision)

        put("prAucScore", pr_auc)
        put("brierLoss", lambda: m.brier_score_loss(y, p))
    else:
        put("rocAucScore", lambda: m.roc_auc_score(y, proba, multi_class="ovr", average="macro"))
        onehot = label_binarize(y, classes=list(range(k)))
        put("averagePrecisionScore", lambda: m.average_precision_score(onehot, proba, average="macro"))
        # scikit-learn 1.2.1 has no multiclass Brier score: numpy reference, mean over rows of
        # the squared distance between the probability vector and the one-hot label.
        expected["brierLoss"] = float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
    labels = list(range(k))
    p_c, r_c, f_c, s_c = m.precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    return {
        "name": name,
        "task": "binary" if k == 2 else "multiclass",
        "note": note,
        "classCount": k,
        "labels": y.tolist(),
        "probabilities": proba.tolist(),
        "predicted": pred.tolist(),
        "expected": expected,
        "errors": errors,
        "confusionMatrix": m.confusion_matrix(y, pred, labels=labels).tolist(),
        "perClass": {
            "precision": p_c.tolist(), "recall": r_c.tolist(), "f1": f_c.tolist(), "support": s_c.tolist(),
        },
    }


def binary(y, p):
    p = np.asarray(p, dtype=float)
    return np.column_stack([1 - p, p])


def regression_case(name, actual, predicted, note=""):
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    expected = {
        "meanAbsoluteError": float(m.mean_absolute_error(actual, predicted)),
        "rootMeanSquaredError": float(m.mean_squared_error(actual, predicted, squared=False)),
        "meanSquaredError": float(m.mean_squared_error(actual, predicted)),
        "r2Score": float(m.r2_score(actual, predicted)),
    }
    return {"name": name, "task": "regression", "note": note, "actual": actual.tolist(),
            "predictedValues": predicted.tolist(), "expected": expected, "errors": {}}


cases = []

# Binary: continuous scores.
n = 300
y = rng.integers(0, 2, n)
p = np.clip(0.35 * y + rng.random(n) * 0.65, 0, 1)
cases.append(classification_case("binary_continuous", y, binary(y, p)))

# Binary: scores rounded to one decimal, so many ties (ROC/PR must treat tied scores as one threshold).
p_tied = np.round(p, 1)
cases.append(classification_case("binary_ties", y, binary(y, p_tied), "scores rounded to 0.1"))

# Binary: every score equal.
cases.append(classification_case("binary_all_tied", y[:40], binary(y[:40], np.full(40, 0.3)), "all scores 0.3"))

# Binary: imbalanced, a positive rate like lending_club's (~5%).
yi = (rng.random(500) < 0.05).astype(int)
pi = np.clip(0.08 + 0.25 * yi * rng.random(500) + 0.1 * rng.random(500), 0, 1)
cases.append(classification_case("binary_imbalanced_no_positive_predictions", yi, binary(yi, pi),
                                 "no score above 0.5: precision is 0/0 (zero_division=0)"))

# Binary: only one class present in the labels.
y1 = np.ones(30, dtype=int)
p1 = rng.random(30)
cases.append(classification_case("binary_one_class_present", y1, binary(y1, p1),
                                 "ROC-AUC undefined with one class; scikit-learn raises"))

# Binary: exact 0 and 1 probabilities (log loss clipping).
y01 = np.array([0, 1, 1, 0, 1, 0, 0, 1])
p01 = np.array([0.0, 1.0, 0.0, 1.0, 0.7, 0.2, 0.5, 0.5])
cases.append(classification_case("binary_extreme_probabilities", y01, binary(y01, p01),
                                 "0 and 1 probabilities; 0.5 ties go to class 0"))

# Multiclass: probabilities from small integer weights (many exact ties), 4 classes.
k = 4
n = 400
yk = rng.integers(0, k, n)
w = rng.integers(1, 6, (n, k)).astype(float)
w[np.arange(n), yk] += rng.integers(0, 4, n)
cases.append(classification_case("multiclass_tied_weights", yk, w / w.sum(axis=1, keepdims=True)))

# Multiclass: class 2 never in the labels (ROC-AUC OvR undefined; scikit-learn raises).
y3 = rng.integers(0, 2, 60) * 1
y3[y3 == 1] = 1
w3 = rng.random((60, 3)) + 0.05
cases.append(classification_case("multiclass_class_absent_from_labels", y3, w3 / w3.sum(axis=1, keepdims=True),
                                 "3 classes, class 2 absent from labels"))

# Multiclass: class 3 never predicted (zero-division for its precision).
w4 = rng.random((80, 4))
w4[:, 3] *= 0.1
y4 = rng.integers(0, 4, 80)
cases.append(classification_case("multiclass_class_never_predicted", y4, w4 / w4.sum(axis=1, keepdims=True),
                                 "class 3 never predicted"))

# Multiclass: real model on real data (iris, logistic regression in-sample).
iris = load_iris()
lr = LogisticRegression(max_iter=1000, C=0.05).fit(iris.data, iris.target)
cases.append(classification_case("iris_logistic_regression", iris.target, lr.predict_proba(iris.data),
                                 "iris, LogisticRegression(C=0.05) predict_proba"))

# Regression.
a = rng.normal(10, 3, 250)
cases.append(regression_case("regression_noisy", a, a + rng.normal(0, 1.5, 250)))
cases.append(regression_case("regression_perfect", a[:20], a[:20].copy(), "R2 = 1"))
cases.append(regression_case("regression_constant_target_imperfect", np.full(10, 2.5), np.linspace(2, 3, 10),
                             "constant target: scikit-learn's R2 is 0 when predictions differ"))
cases.append(regression_case("regression_constant_target_perfect", np.full(10, 2.5), np.full(10, 2.5),
                             "constant target predicted exactly: R2 = 1"))
cases.append(regression_case("regression_worse_than_mean", a[:50], a[:50][::-1], "negative R2"))


# Calibration references (numpy/scipy): ECE and MCE on the max-probability with 15 equal-width bins
# (lower, upper], and the temperature minimising validation NLL of softmax(log p / T).
from scipy.optimize import minimize_scalar
from scipy.special import softmax


def calibration(proba, y, bins=15):
    conf = proba.max(axis=1)
    pred = proba.argmax(axis=1)
    edges = np.linspace(0, 1, bins + 1)
    ece, mce, counts = 0.0, 0.0, []
    for lo, hi in zip(edges[:-1], edges[1:]):
        inb = (conf > lo) & (conf <= hi)
        if lo == 0:
            inb |= conf == 0
        counts.append(int(inb.sum()))
        if inb.any():
            gap = abs((pred[inb] == y[inb]).mean() - conf[inb].mean())
            ece += gap * inb.mean()
            mce = max(mce, gap)
    return ece, mce, counts


for case in cases:
    if case["task"] == "regression" or case["name"] in ("binary_one_class_present",):
        continue
    proba = np.asarray(case["probabilities"])
    y = np.asarray(case["labels"])
    ece, mce, counts = calibration(proba, y)
    z = np.log(np.maximum(proba, np.finfo(float).eps))

    def nll(log_t):
        q = softmax(z / np.exp(log_t), axis=1)
        return m.log_loss(y, q, labels=list(range(proba.shape[1])))

    best = minimize_scalar(nll, bounds=(np.log(1e-3), np.log(1e3)), method="bounded", options={"xatol": 1e-12})
    case["calibration"] = {
        "expectedCalibrationError": ece, "maximumCalibrationError": mce, "binCounts": counts,
        "temperature": float(np.exp(best.x)), "nllAfter": float(best.fun),
    }


# Linear probe reference: multinomial L2 logistic regression (lbfgs, tight tolerance) on standardised
# iris features, C = 0.5; and label-free quality references (numpy) on a seeded low-rank embedding.
from sklearn.preprocessing import StandardScaler

xs = StandardScaler().fit_transform(iris.data)
probe = LogisticRegression(C=0.5, tol=1e-12, max_iter=100000).fit(xs, iris.target)
# scikit-learn's lbfgs stops on its ftol (64 eps) after ~21 iterations whatever tol is, about 1e-8
# above the optimum of its own objective (probabilities off by ~1e-5). Record the exact optimum of the
# same objective, C * sum(log loss) + 0.5 * ||W||^2, found by scipy BFGS with a tight gradient tolerance.
from scipy.optimize import minimize
from scipy.special import logsumexp


def objective(params):
    w = params[:12].reshape(3, 4)
    b = params[12:]
    z = xs @ w.T + b
    return 0.5 * (logsumexp(z, axis=1) - z[np.arange(len(z)), iris.target]).sum() + 0.5 * (w ** 2).sum()


exact = minimize(objective, np.zeros(15), method="BFGS", options={"gtol": 1e-10})
zx = xs @ exact.x[:12].reshape(3, 4).T + exact.x[12:]
exact_proba = np.exp(zx - logsumexp(zx, axis=1, keepdims=True))
logistic = {
    "optimumProbabilities": exact_proba.tolist(), "optimumObjective": float(exact.fun),
    "sklearnObjective": float(objective(np.concatenate([probe.coef_.ravel(), probe.intercept_]))),
    "c": 0.5, "features": iris.data.tolist(), "labels": iris.target.tolist(),
    "probabilities": probe.predict_proba(xs).tolist(),
    "coefficients": probe.coef_.tolist(), "intercepts": probe.intercept_.tolist(),
}

emb = rng.normal(size=(200, 5)) @ rng.normal(size=(5, 16)) + 0.01 * rng.normal(size=(200, 16))
pos = emb + 0.3 * rng.normal(size=emb.shape)
sv = np.linalg.svd(emb, compute_uv=False)
pk = sv / np.abs(sv).sum() + 1e-7
rankme = float(np.exp(-(pk * np.log(pk)).sum()))
un = emb / np.linalg.norm(emb, axis=1, keepdims=True)
upos = pos / np.linalg.norm(pos, axis=1, keepdims=True)
sq = ((un[:, None, :] - un[None, :, :]) ** 2).sum(-1)
iu = np.triu_indices(len(un), 1)
uniformity = float(np.log(np.exp(-2 * sq[iu]).mean()))
alignment = float((np.linalg.norm(un - upos, axis=1) ** 2).mean())
collapse_std = float(un.std(axis=0).mean())
quality = {"embeddings": emb.tolist(), "positives": pos.tolist(), "rankMe": rankme,
           "uniformity": uniformity, "alignment": alignment, "collapseStd": collapse_std}

doc = {
    "logistic": logistic,
    "quality": quality,
    "generator": "make_sklearn_fixtures.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "cases": cases,
}
with open(os.path.join(HERE, "sklearn_metrics.json"), "w") as f:
    json.dump(doc, f, indent=1)
print(f"wrote {len(cases)} cases with scikit-learn {sklearn.__version__}")
