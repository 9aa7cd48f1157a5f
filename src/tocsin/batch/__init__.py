"""Archive-scale batch coding on Dask (dask.distributed): partitions in, Parquet out."""

from .run import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
