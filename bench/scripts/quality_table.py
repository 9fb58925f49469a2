#!/usr/bin/python3
"""Quality table from the .npy files `learning quality` wrote (bench/scripts/quality_table.sh).

Probes and baselines are computed here with scikit-learn (Debian's python3-sklearn) on the exact
features and embeddings LatentOps exported: raw logistic regression, raw GBDT (HistGradientBoosting),
SCARF linear probe, SCARF kNN (k=20, cosine), DAE linear probe, hybrid GBDT (raw + SCARF embedding),
the 10%-labels regime (SCARF fine-tune vs the same MLP from scratch, both trained in LatentOps), and,
where the tuned pass ran, the linear probe on the encoder `latentops tune` picks on the training rows.
Score: ROC-AUC on the 20% test split (digits: macro one-vs-rest ROC-AUC). Mean and 95% CI (Student t)
over seeds. Usage: quality_table.py DATA_DIR OUT_MD [COMMAND_LINE]
"""
import glob, json, math, os, sys

try:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler
    from sklearn.pipeline import make_pipeline
except ImportError as e:
    print(f"skipped: scikit-learn/numpy not available for {sys.executable}: {e}")
    sys.exit(0)

T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}


def auc(y, proba):
    if proba.shape[1] == 2:
        return roc_auc_score(y, proba[:, 1])
    return roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=list(range(proba.shape[1])))


def fit_proba(model, xtr, ytr, xte, k):
    model.fit(xtr, ytr)
    p = model.predict_proba(xte)
    out = np.zeros((xte.shape[0], k))
    out[:, model.classes_ if not hasattr(model, "steps") else model.steps[-1][1].classes_] = p
    return out


def lr():
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))


def seed_scores(d):
    y_tr, y_te = np.load(f"{d}/y_train.npy"), np.load(f"{d}/y_test.npy")
    k = int(max(y_tr.max(), y_te.max())) + 1
    raw_tr, raw_te = np.load(f"{d}/raw_train.npy"), np.load(f"{d}/raw_test.npy")
    s_tr, s_te = np.load(f"{d}/scarf_train.npy"), np.load(f"{d}/scarf_test.npy")
    d_tr, d_te = np.load(f"{d}/dae_train.npy"), np.load(f"{d}/dae_test.npy")
    gb = lambda: HistGradientBoostingClassifier(random_state=0)
    knn = KNeighborsClassifier(n_neighbors=20, metric="cosine")
    tuned = "—"
    if os.path.exists(f"{d}/tuned_test.npy"):
        t_tr, t_te = np.load(f"{d}/tuned_train.npy"), np.load(f"{d}/tuned_test.npy")
        tuned = auc(y_te, fit_proba(lr(), t_tr, y_tr, t_te, k))
    return {
        "raw LR": auc(y_te, fit_proba(lr(), raw_tr, y_tr, raw_te, k)),
        "raw GBDT": auc(y_te, fit_proba(gb(), raw_tr, y_tr, raw_te, k)),
        "SCARF linear probe": auc(y_te, fit_proba(lr(), s_tr, y_tr, s_te, k)),
        "SCARF kNN (k=20, cosine)": auc(y_te, fit_proba(knn, s_tr, y_tr, s_te, k)),
        "DAE linear probe": auc(y_te, fit_proba(lr(), d_tr, y_tr, d_te, k)),
        "hybrid GBDT (raw + SCARF)": auc(y_te, fit_proba(gb(), np.hstack([raw_tr, s_tr]), y_tr, np.hstack([raw_te, s_te]), k)),
        "10% labels: SCARF fine-tune": auc(y_te, np.load(f"{d}/finetune_proba.npy")),
        "10% labels: same MLP from scratch": auc(y_te, np.load(f"{d}/scratch_proba.npy")),
        "tuned encoder (latentops tune) linear probe": tuned,
    }


def ci(values):
    m = float(np.mean(values))
    if len(values) < 2:
        return m, float("nan")
    half = T95.get(len(values) - 1, 1.96) * float(np.std(values, ddof=1)) / math.sqrt(len(values))
    return m, half


root, out = sys.argv[1], sys.argv[2]
command = sys.argv[3] if len(sys.argv) > 3 else ""
order = ["lending_club", "credit_data", "birdstrikes", "breast_cancer", "digits"]
only = [d for d in os.environ.get("QUALITY_DATASETS", "").split(",") if d]
datasets = [n for n in order if os.path.isdir(os.path.join(root, n)) and (not only or n in only)]
rows, notes, columns = [], [], None
for name in datasets:
    seeds = sorted(glob.glob(os.path.join(root, name, "seed*")))
    per_seed = [seed_scores(s) for s in seeds if os.path.exists(os.path.join(s, "scratch_proba.npy"))]
    if not per_seed:
        continue
    columns = list(per_seed[0].keys())
    cells = []
    for c in columns:
        values = [p[c] for p in per_seed if not isinstance(p[c], str)]
        if not values:
            cells.append("—")
            continue
        m, h = ci(values)
        partial = f" ({len(values)} of {len(per_seed)} seeds)" if len(values) < len(per_seed) else ""
        cells.append((f"{m:.3f} ± {h:.3f}" if not math.isnan(h) else f"{m:.3f}") + partial)
    info = json.load(open(os.path.join(seeds[0], "run.json")))
    epochs = [json.load(open(os.path.join(s, "run.json")))["runs"] for s in seeds]
    ep = ", ".join(f"{o} {np.mean([e[o]['epochs'] for e in epochs]):.0f}" for o in ("scarf", "dae", "finetune", "scratch"))
    tuned = [json.load(open(os.path.join(s, "tuned.json"))) for s in seeds if os.path.exists(os.path.join(s, "tuned.json"))]
    if tuned:
        picks = "; ".join(f"{t['best']['objective']} dim {t['best']['dimension']} depth {t['best']['depth']} corruption {t['best']['corruptionRate']} lr {t['best']['learningRate']:.1e}" for t in tuned)
        ep += f"; tuned ({tuned[0]['trials']} trials, successive halving to {tuned[0]['epochsPerTrial']} epochs) picked: {picks}"
    rows.append(f"| {name} ({len(per_seed)} seeds, {info['trainRows']} train / {info['testRows']} test rows) | " + " | ".join(cells) + " |")
    notes.append(f"- {name}: {info['note']}; epochs run (mean over seeds, budget {info['epochsBudget']}, early stopping patience 10): {ep}"
                 + (f"; training rows capped at {info['maxTrainRows']}" if info["maxTrainRows"] else ""))

with open(out, "w") as f:
    f.write("# Representation quality: LatentOps SCARF / DAE vs raw baselines\n\n")
    if command:
        f.write(f"Produced by: `{command}`\n\n")
    f.write("ROC-AUC on a stratified 20% test split (digits: macro one-vs-rest ROC-AUC), mean ± 95% CI (Student t) over seeds.\n")
    f.write("Encoders trained by LatentOps (TorchSharp); probes and baselines by scikit-learn 1.2.1 on the exported features/embeddings;\n")
    f.write("fine-tune and from-scratch models trained and scored by LatentOps.\n\n")
    f.write("| dataset | " + " | ".join(columns or []) + " |\n")
    f.write("|---|" + "---|" * len(columns or []) + "\n")
    f.write("\n".join(rows) + "\n\n")
    f.write("\n".join(notes) + "\n")
print(open(out).read())
