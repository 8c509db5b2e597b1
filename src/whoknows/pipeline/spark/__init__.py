"""The spark engine: an ingest's parsing, identity keys, lexical statistics and embeddings
as PySpark jobs (``whoknows ingest --engine spark [--master URL]``; docs/scale.md).

``session`` checks what Spark needs and starts and stops it, ``engine`` is the driver's side
(:class:`~whoknows.pipeline.spark.engine.SparkEngine`), ``tasks`` what runs on the executors
(it imports whoknows, never Spark's driver machinery). pyspark is an optional dependency
(``pip install 'whoknows[spark]'``): nothing imports it unless the spark engine runs.
"""
