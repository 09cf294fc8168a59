"""Which Dask scheduler the engine computes on: one helper, :func:`client`, decides."""

from __future__ import annotations

import atexit
import os
import threading
from typing import Any

import dask
from distributed import Client, LocalCluster, default_client, wait

from analysis.errors import OptionTypeError

#: Dask's single-machine schedulers: when Dask's ``scheduler`` setting names one, no cluster starts.
LOCAL_SCHEDULERS = frozenset({"sync", "synchronous", "single-threaded", "threads", "threading", "processes",
                              "multiprocessing"})

#: LocalCluster options: every socket on 127.0.0.1, no dashboard, and the scheduler's small HTTP
#: server (health checks) on a free port rather than 8787, so that two clusters do not collide.
LOOPBACK = {"host": "127.0.0.1", "dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}

_lock = threading.Lock()
_clients: dict[str, Client] = {}  # clients this module opened, by address
_local: list[tuple[Client, LocalCluster]] = []


def client(scheduler: Any = None) -> Client | None:
    """The client the engine computes with, or None for a Dask local scheduler.

    ``scheduler``:

    * ``None``: Dask's ``scheduler`` setting when it names a local scheduler
      (``dask.config.set(scheduler="synchronous")``: returns None) or holds a client
      (``dask.config.set(scheduler=client)``); else the current
      ``dask.distributed`` client; else a client of the cluster at Dask's
      ``scheduler-address`` setting (``DASK_SCHEDULER_ADDRESS``); else a local cluster,
      started once: one worker process per core with one thread each, memory split
      evenly, no dashboard, listening on 127.0.0.1 only, closed when Python exits;
    * an address (``"tcp://10.0.0.5:8786"``): a client of that cluster (opened once);
    * a ``distributed.Client`` or a cluster object (``LocalCluster`` ...): that one.

    A client opened here becomes Dask's default, so later ``.compute()`` calls use it.
    """
    if isinstance(scheduler, Client):
        return scheduler
    if scheduler is not None and hasattr(scheduler, "scheduler_address"):
        scheduler = scheduler.scheduler_address
    if scheduler is None:
        configured = dask.config.get("scheduler", None)
        if isinstance(configured, Client):
            return configured
        if isinstance(configured, str) and configured in LOCAL_SCHEDULERS:
            return None
        try:
            return default_client()
        except ValueError:
            pass
        scheduler = dask.config.get("scheduler-address", None)
        if not scheduler:
            return _local_client()
    if not isinstance(scheduler, str):
        raise OptionTypeError(f"scheduler= must be None, an address such as 'tcp://host:8786', a distributed.Client "
                        f"or a cluster; not {type(scheduler).__name__}")
    with _lock:
        known = _clients.get(scheduler)
        if known is not None and known.status == "running":
            return known
        opened = Client(scheduler, set_as_default=True)
        _clients[scheduler] = opened
        return opened


def _local_client() -> Client:
    with _lock:
        for opened, _cluster in _local:
            if opened.status == "running":
                return opened
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True, **LOOPBACK)
        opened = Client(cluster, set_as_default=True)
        _local.append((opened, cluster))
        return opened


@atexit.register
def close() -> None:
    """Close the clients and the local cluster that :func:`client` opened (also done at exit)."""
    with _lock:
        for opened, cluster in _local:
            opened.close()
            cluster.close()
        for opened in _clients.values():
            opened.close()
        _local.clear()
        _clients.clear()


def compute(*objs: Any, scheduler: Any = None) -> tuple:
    """``dask.compute(*objs)`` on :func:`client` (``scheduler`` as there)."""
    chosen = client(scheduler)
    if chosen is None:
        return dask.compute(*objs)
    return dask.compute(*objs, scheduler=chosen)


def settle(obj: Any, scheduler: Any = None) -> Any:
    """Compute a delayed value and keep it where the next computation will use it.

    On a cluster the value stays on the workers (a future that later tasks take as an
    argument, never shipped through the client); locally it is simply computed.
    """
    chosen = client(scheduler)
    if chosen is None:
        return dask.compute(obj)[0]
    future = chosen.compute(obj)
    wait(future)
    if future.status != "finished":
        future.result()  # raises the task's error
    return future
