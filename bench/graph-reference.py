"""The reference for bench/graph.ts: personalized PageRank with scipy.sparse on the same graph.

Reads DIR/edges.i32 (directed pairs, node indices as bench/graph.ts numbered them), DIR/restart.f64
and DIR/params.json; builds the undirected adjacency (each pair both ways, duplicates summed, as
jingdu's CSR keeps them), then runs the same power iteration (same damping, same number of
iterations, rank of nodes without edges given back to the restart). Prints one JSON line:
build and iteration times (ms, median of the runs; wall and process CPU) and the rank vector to DIR/rank.f64.

When python-igraph is importable (Debian's python3-igraph), the same graph is also built as an
igraph Graph (undirected, each pair one edge: igraph walks an undirected edge both ways) and
ranked with its personalized_pagerank (PRPACK: solved to convergence, not a fixed number of
iterations), timed likewise; its rank vector goes to DIR/rank-igraph.f64.
"""

import json
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp


def timed(runs, build, walk):
    """build() then walk(built), `runs` times: the last walk's rank, and each step's wall and CPU ms."""
    builds, iters, build_cpu, iter_cpu = [], [], [], []
    rank = None
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        built = build()
        t1 = time.perf_counter()
        c1 = time.process_time()
        rank = walk(built)
        t2 = time.perf_counter()
        c2 = time.process_time()
        builds.append((t1 - t0) * 1000)
        iters.append((t2 - t1) * 1000)
        build_cpu.append((c1 - c0) * 1000)
        iter_cpu.append((c2 - c1) * 1000)
    med = lambda xs: sorted(xs)[len(xs) // 2]  # noqa: E731
    return rank, {
        "buildMs": med(builds),
        "pprMs": med(iters),
        "runs": {"build": builds, "ppr": iters},
        "cpu": {"build": build_cpu, "ppr": iter_cpu},
    }


def main(folder: str) -> None:
    params = json.load(open(f"{folder}/params.json"))
    n, damping, iterations, runs = (
        params["nodes"],
        params["damping"],
        params["iterations"],
        params["runs"],
    )
    pairs = np.fromfile(f"{folder}/edges.i32", dtype=np.int32).reshape(-1, 2)
    restart = np.fromfile(f"{folder}/restart.f64", dtype=np.float64)

    def build():
        src = np.concatenate([pairs[:, 0], pairs[:, 1]])
        dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
        ones = np.ones(len(src), dtype=np.float64)
        a = sp.csr_matrix((ones, (src, dst)), shape=(n, n))
        degree = np.asarray(a.sum(axis=1)).ravel()
        dangling = degree == 0
        inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, degree))
        # Column-stochastic transition: rank flows from u to each neighbour v with weight 1/deg(u).
        return (sp.diags(inv) @ a).T.tocsr(), dangling

    def walk(built):
        m, dangling = built
        rank = restart.copy()
        for _ in range(iterations):
            back = 1 - damping + damping * rank[dangling].sum()
            rank = damping * (m @ rank) + back * restart
        return rank

    rank, times = timed(runs, build, walk)
    rank.astype(np.float64).tofile(f"{folder}/rank.f64")
    out = {"scipy": scipy.__version__, "numpy": np.__version__, **times}
    graph = reference_igraph(n, pairs, restart, damping, runs, folder)
    if graph is not None:
        out["igraph"] = graph
    print(json.dumps(out))


def reference_igraph(n, pairs, restart, damping, runs, folder):
    try:
        import igraph
    except ImportError:
        return None
    edges = pairs.tolist()
    reset = restart.tolist()
    rank, times = timed(
        runs,
        lambda: igraph.Graph(n=n, edges=edges, directed=False),
        lambda g: g.personalized_pagerank(
            directed=False, damping=damping, reset=reset, implementation="prpack"
        ),
    )
    np.asarray(rank, dtype=np.float64).tofile(f"{folder}/rank-igraph.f64")
    return {"version": igraph.__version__, **times}


if __name__ == "__main__":
    main(sys.argv[1])
