"""numpy reference for the MMD permutation test (bench/scripts/mmd_vs_numpy.sh runs it).

Same test as LatentOps.Monitoring's MmdDriftDetector: pooled rows, squared distances via one GEMM,
sigma^2 = median(pairwise squared distances, i < j) / 2, K = exp(-D / (2 sigma^2)) with a zero
diagonal, unbiased MMD^2, p = (1 + #{perm >= observed}) / (1 + B). The permutations use the fair
formulation from /work/shared/REFERENCE-RESULTS.md: one GEMM of K with a batch of permutation
indicator vectors (z^T K z for each column z), batches of 100.
usage: mmd_reference.py INPUT.f32 M N D B REPEATS DTYPE(float64|float32)"""
import json, sys, time
import numpy as np

path, m, n, d, B, repeats = sys.argv[1], *map(int, sys.argv[2:7])
dtype = np.dtype(sys.argv[7] if len(sys.argv) > 7 else "float64")
data = np.fromfile(path, dtype=np.float32)[: (m + n) * d].reshape(m + n, d).astype(dtype)


def blas_name():
    try:
        from threadpoolctl import threadpool_info
        return ";".join(f"{i.get('internal_api')} {i.get('version')} {i.get('filepath')}" for i in threadpool_info())
    except Exception:
        import os
        for lib in ("/etc/alternatives/libblas.so.3-x86_64-linux-gnu", "/etc/alternatives/libblas.so.3"):
            if os.path.exists(lib):
                return os.path.realpath(lib)
        return "unknown"


def mmd_test(x, B, seed):
    N = x.shape[0]
    sq = np.einsum("ij,ij->i", x, x)
    D = sq[:, None] + sq[None, :] - 2.0 * (x @ x.T)
    np.maximum(D, 0, out=D)
    iu = np.triu_indices(N, 1)
    sigma2 = np.median(D[iu]) / 2.0
    del iu
    K = np.exp(D / (-2.0 * sigma2), out=D)
    np.fill_diagonal(K, 0)
    r = K.sum(axis=1)
    S = r.sum()
    rng = np.random.default_rng(seed)
    Z = np.zeros((N, B + 1), dtype=x.dtype)
    Z[:m, 0] = 1
    for b in range(1, B + 1):
        Z[rng.permutation(N)[:m], b] = 1
    stats = np.empty(B + 1)
    for lo in range(0, B + 1, 100):
        Zb = Z[:, lo:lo + 100]
        KZ = K @ Zb
        xx = np.einsum("ib,ib->b", Zb, KZ)
        t = r @ Zb
        xy = t - xx
        yy = S - 2 * t + xx
        stats[lo:lo + 100] = xx / (m * (m - 1)) + yy / (n * (n - 1)) - 2 * xy / (m * n)
    p = (1 + np.sum(stats[1:] >= stats[0])) / (1 + B)
    return stats[0], np.sqrt(sigma2), p


for rep in range(repeats):
    t0 = time.perf_counter()
    mmd2, sigma, p = mmd_test(data, B, rep)
    sec = time.perf_counter() - t0
    print(json.dumps({"impl": f"numpy-{dtype.name}", "seconds": round(sec, 4), "mmd2": float(mmd2), "sigma": float(sigma),
                      "p": float(p), "numpy": np.__version__, "blas": blas_name()}), flush=True)
