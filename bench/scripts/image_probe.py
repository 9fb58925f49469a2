"""Linear probe (scikit-learn LogisticRegression) on LatentOps SimCLR embeddings of Fashion-MNIST,
beside the same probe on the raw pixels (scaled to [0, 1]) of the same images.
  /usr/bin/python3 bench/scripts/image_probe.py EXPORT_DIR FASHION_MNIST_DIR N_TRAIN N_TEST"""
import gzip, json, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

export, folder, n_train, n_test = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def images(name, n):
    raw = gzip.open(f"{folder}/{name}").read()
    return np.frombuffer(raw[16:16 + n * 784], np.uint8).reshape(n, 784).astype(np.float32) / 255

def probe(x_train, y_train, x_test, y_test):
    scaler = StandardScaler().fit(x_train)
    start = time.time()
    model = LogisticRegression(max_iter=2000, C=1.0).fit(scaler.transform(x_train), y_train)
    return float((model.predict(scaler.transform(x_test)) == y_test).mean()), time.time() - start

y_train = np.load(f"{export}/train_labels.npy")
y_test = np.load(f"{export}/test_labels.npy")
emb = probe(np.load(f"{export}/train_embeddings.npy"), y_train, np.load(f"{export}/test_embeddings.npy"), y_test)
raw = probe(images("train-images-idx3-ubyte.gz", n_train), y_train, images("t10k-images-idx3-ubyte.gz", n_test), y_test)
print(json.dumps({"embeddingAccuracy": round(emb[0], 4), "rawPixelAccuracy": round(raw[0], 4),
                  "embeddingProbeSeconds": round(emb[1], 2), "rawProbeSeconds": round(raw[1], 2)}))
