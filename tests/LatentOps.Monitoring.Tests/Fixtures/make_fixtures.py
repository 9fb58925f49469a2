"""Reference values for the monitoring tests, computed with scipy/numpy (Debian python3-scipy 1.10,
python3-numpy 1.24). Run: /usr/bin/python3 tests/LatentOps.Monitoring.Tests/Fixtures/make_fixtures.py
It rewrites drift_reference.json next to this file. The C# tests read the inputs and the expected
outputs from that file and never call Python."""
import json, os
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon, cdist

rng = np.random.default_rng(20261127)
out = {"numeric": [], "categorical": [], "mmd": []}

for n1, n2, shift in [(80, 120, 0.0), (300, 250, 0.3), (1500, 1200, 0.1), (60, 60, 1.0)]:
    a = rng.normal(0, 1, n1).round(3)
    b = (rng.normal(shift, 1.2, n2)).round(3)
    ks = stats.ks_2samp(a, b, method="asymp")
    w = stats.wasserstein_distance(a, b) / max(np.std(a), 0.001)
    out["numeric"].append({"reference": a.tolist(), "current": b.tolist(),
                           "ks_statistic": float(ks.statistic), "ks_pvalue_asymp": float(ks.pvalue),
                           "wasserstein_norm": float(w)})

for n1, n2, pr, pc in [(200, 150, [0.5, 0.3, 0.2], [0.5, 0.3, 0.2]), (400, 300, [0.6, 0.3, 0.1], [0.4, 0.35, 0.25]),
                       (500, 500, [0.7, 0.3], [0.62, 0.38])]:
    cats = [f"c{i}" for i in range(len(pr))]
    a = rng.choice(cats, n1, p=pr)
    b = rng.choice(cats, n2, p=pc)
    keys = sorted(set(a) | set(b))
    ta = np.array([(a == k).sum() for k in keys]); tb = np.array([(b == k).sum() for k in keys])
    chi2, p, dof, _ = stats.chi2_contingency(np.vstack([ta, tb]), correction=False)
    ra = np.where(ta == 0, 1e-4, ta / n1); rb = np.where(tb == 0, 1e-4, tb / n2)
    js = jensenshannon(ta / n1, tb / n2)
    psi = float(np.sum((rb - ra) * np.log(rb / ra)))
    out["categorical"].append({"reference": a.tolist(), "current": b.tolist(), "chi2": float(chi2), "chi2_pvalue": float(p),
                               "js": float(js), "psi": psi})

for m, n, d, shift in [(30, 40, 5, 0.0), (50, 45, 8, 0.8)]:
    x = rng.normal(0, 1, (m, d)).astype(np.float32)
    y = (rng.normal(0, 1, (n, d)) + shift).astype(np.float32)
    z = np.vstack([x, y]).astype(np.float64)
    d2 = cdist(z, z, "sqeuclidean")
    iu = np.triu_indices(m + n, 1)
    sigma = np.sqrt(np.median(d2[iu]) / 2)
    k = np.exp(-d2 / (2 * sigma ** 2))
    np.fill_diagonal(k, 0)
    kxx, kyy, kxy = k[:m, :m].sum(), k[m:, m:].sum(), k[:m, m:].sum()
    mmd2 = kxx / (m * (m - 1)) + kyy / (n * (n - 1)) - 2 * kxy / (m * n)
    out["mmd"].append({"reference": x.tolist(), "current": y.tolist(), "sigma": float(sigma), "mmd2": float(mmd2)})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_reference.json"), "w") as f:
    json.dump(out, f)
