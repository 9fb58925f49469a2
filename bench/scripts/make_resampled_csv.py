#!/usr/bin/python3
"""Writes a large CSV by resampling the rows of a real dataset with replacement (seeded).

Usage: /usr/bin/python3 make_resampled_csv.py SOURCE.csv OUT.csv ROWS [SEED]
The header is kept; each output row is a uniformly drawn source row, written byte for byte.
"""
import random
import sys


def main() -> None:
    source, out, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 42
    with open(source, encoding="utf-8") as f:
        header = f.readline()
        lines = [line if line.endswith("\n") else line + "\n" for line in f if line.strip()]
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        f.write(header)
        for start in range(0, rows, 100_000):
            f.writelines(rng.choice(lines) for _ in range(min(100_000, rows - start)))


if __name__ == "__main__":
    main()
