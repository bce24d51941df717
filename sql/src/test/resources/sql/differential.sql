-- Differential cases: each runs on Strata and on DuckDB over Parquet of the same rows.
-- "-- name: x ordered" compares in order; "-- duckdb" starts DuckDB's text when the dialects differ.

-- name: samples_count
SELECT count(*) FROM samples;

-- name: samples_count_per_metric
SELECT metric, count(*) FROM samples GROUP BY metric;

-- name: samples_sum_avg_per_metric
SELECT metric, sum("value"), avg("value"), min("value"), max("value") FROM samples GROUP BY metric;

-- name: samples_time_filter
SELECT count(*), sum("value") FROM samples WHERE ts >= TIMESTAMP '2024-01-01 00:30:00';

-- name: samples_between
SELECT metric, count(*) FROM samples WHERE ts BETWEEN TIMESTAMP '2024-01-01 00:10:00' AND TIMESTAMP '2024-01-01 00:20:00' GROUP BY metric;

-- name: samples_label_equality
SELECT labels['instance'], count(*), sum("value") FROM samples WHERE labels['job'] = 'api' GROUP BY labels['instance'];

-- name: samples_label_not_equal
SELECT labels['job'], count(*) FROM samples WHERE labels['job'] <> 'db' GROUP BY labels['job'];

-- name: samples_label_in
SELECT labels['job'], labels['instance'], max("value") FROM samples WHERE labels['instance'] IN ('a', 'c') GROUP BY labels['job'], labels['instance'];

-- name: samples_label_like
SELECT metric, count(*) FROM samples WHERE metric LIKE '%_total' GROUP BY metric;

-- name: samples_missing_label
SELECT labels['instance'], count(*) FROM samples WHERE labels['region'] IS NULL GROUP BY labels['instance'];

-- name: samples_present_label
SELECT labels['region'], count(*) FROM samples WHERE labels['region'] IS NOT NULL GROUP BY labels['region'];

-- name: samples_group_by_nullable_label
SELECT labels['region'], count(*), min(ts), max(ts) FROM samples GROUP BY labels['region'];

-- name: samples_metric_and_job
SELECT metric, labels['job'] AS job, count(*) AS n, sum("value") AS total FROM samples WHERE metric = 'cpu_usage' AND labels['job'] = 'web' GROUP BY metric, labels['job'];

-- name: samples_bucket_minute
SELECT FLOOR(ts TO MINUTE) AS bucket, count(*), avg("value") FROM samples WHERE metric = 'memory_bytes' GROUP BY FLOOR(ts TO MINUTE);
-- duckdb
SELECT date_trunc('minute', ts) AS bucket, count(*), avg("value") FROM samples WHERE metric = 'memory_bytes' GROUP BY 1;

-- name: samples_bucket_hour_per_job
SELECT FLOOR(ts TO HOUR), labels['job'], max("value") FROM samples GROUP BY FLOOR(ts TO HOUR), labels['job'];
-- duckdb
SELECT date_trunc('hour', ts), labels['job'], max("value") FROM samples GROUP BY 1, 2;

-- name: samples_bucket_five_minutes ordered
SELECT FLOOR(ts TO MINUTE) AS m, sum("value") FROM samples WHERE metric = 'http_requests_total' AND ts < TIMESTAMP '2024-01-01 00:10:00' GROUP BY FLOOR(ts TO MINUTE) ORDER BY m;
-- duckdb
SELECT date_trunc('minute', ts) AS m, sum("value") FROM samples WHERE metric = 'http_requests_total' AND ts < TIMESTAMP '2024-01-01 00:10:00' GROUP BY 1 ORDER BY m;

-- name: samples_value_arithmetic
SELECT metric, sum("value" * 2 + 1), sum("value" / 4) FROM samples GROUP BY metric;

-- name: samples_value_filter_double
SELECT count(*) FROM samples WHERE "value" > 500.5 AND "value" <= 2000;

-- name: samples_top_values ordered
SELECT metric, labels['job'], labels['instance'], ts, "value" FROM samples WHERE metric = 'cpu_usage' ORDER BY "value" DESC, ts, labels['job'], labels['instance'] LIMIT 10;

-- name: samples_bottom_values ordered
SELECT labels['job'], labels['instance'], "value" FROM samples WHERE metric = 'memory_bytes' ORDER BY "value", ts, labels['job'], labels['instance'] LIMIT 5;

-- name: samples_offset ordered
SELECT ts, "value" FROM samples WHERE series_id = (SELECT min(series_id) FROM series) ORDER BY ts LIMIT 10 OFFSET 20;

-- name: samples_distinct_metrics
SELECT DISTINCT metric FROM samples;

-- name: samples_distinct_jobs_instances
SELECT DISTINCT labels['job'], labels['instance'] FROM samples;

-- name: samples_count_distinct_series
SELECT metric, count(DISTINCT series_id) FROM samples GROUP BY metric;

-- name: samples_count_distinct_jobs
SELECT count(DISTINCT labels['job']) FROM samples;

-- name: samples_having
SELECT labels['instance'], sum("value") FROM samples GROUP BY labels['instance'] HAVING sum("value") > 100000;

-- name: samples_case_expression
SELECT CASE WHEN "value" > 1000 THEN 'high' WHEN "value" > 500 THEN 'mid' ELSE 'low' END AS band, count(*) FROM samples GROUP BY CASE WHEN "value" > 1000 THEN 'high' WHEN "value" > 500 THEN 'mid' ELSE 'low' END;

-- name: samples_coalesce_label
SELECT COALESCE(labels['region'], 'none') AS region, count(*) FROM samples GROUP BY COALESCE(labels['region'], 'none');

-- name: samples_series_join
SELECT s.metric_type, count(*), sum(x."value") FROM samples x JOIN series s ON x.series_id = s.series_id GROUP BY s.metric_type;

-- name: samples_rate_like_delta
SELECT series_id, max("value") - min("value") FROM samples WHERE metric = 'http_requests_total' GROUP BY series_id;

-- name: samples_window_rank ordered
SELECT metric, labels['job'] AS job, labels['instance'] AS instance, total, rank() OVER (PARTITION BY metric ORDER BY total DESC) AS r
FROM (SELECT metric, labels, sum("value") AS total FROM samples GROUP BY metric, labels) t ORDER BY metric, r, job, instance;

-- name: samples_window_running_sum
SELECT ts, "value", sum("value") OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM samples WHERE series_id = (SELECT max(series_id) FROM series);

-- name: samples_window_lag
SELECT ts, "value" - lag("value") OVER (ORDER BY ts) FROM samples WHERE series_id = (SELECT min(series_id) FROM series);

-- name: samples_subquery_in
SELECT count(*) FROM samples WHERE series_id IN (SELECT series_id FROM series WHERE metric_type = 'gauge');

-- name: samples_subquery_scalar
SELECT metric, count(*) FROM samples WHERE "value" > (SELECT avg("value") FROM samples) GROUP BY metric;

-- name: samples_cte
WITH per_series AS (SELECT series_id, max("value") AS peak FROM samples GROUP BY series_id)
SELECT s.metric, max(p.peak), min(p.peak) FROM per_series p JOIN series s ON s.series_id = p.series_id GROUP BY s.metric;

-- name: samples_derived_table_filter
SELECT job, total FROM (SELECT labels['job'] AS job, sum("value") AS total FROM samples GROUP BY labels['job']) t WHERE total > 0;

-- name: samples_union_all
SELECT metric, count(*) FROM samples WHERE labels['job'] = 'api' GROUP BY metric
UNION ALL
SELECT metric, count(*) FROM samples WHERE labels['job'] = 'db' GROUP BY metric;

-- name: samples_union_distinct
SELECT labels['job'] FROM samples WHERE metric = 'cpu_usage' UNION SELECT labels['job'] FROM samples WHERE metric = 'memory_bytes';

-- name: samples_extract_minute
SELECT EXTRACT(MINUTE FROM ts) AS m, count(*) FROM samples GROUP BY EXTRACT(MINUTE FROM ts);

-- name: series_all
SELECT series_id, metric, labels['job'], labels['instance'], labels['region'], metric_type, help, unit FROM series;

-- name: series_per_type
SELECT metric_type, count(*) FROM series GROUP BY metric_type;

-- name: series_labels_map
SELECT metric, labels FROM series WHERE labels['job'] = 'db';

-- name: logs_count
SELECT count(*) FROM logs;

-- name: logs_per_stream
SELECT labels['app'], labels['env'], count(*) FROM logs GROUP BY labels['app'], labels['env'];

-- name: logs_level_counts
SELECT level, count(*) FROM logs GROUP BY level;

-- name: logs_line_contains
SELECT count(*) FROM logs WHERE line LIKE '%request failed%';

-- name: logs_line_prefix
SELECT level, count(*) FROM logs WHERE line LIKE 'level=warn%' GROUP BY level;

-- name: logs_line_not_like
SELECT count(*) FROM logs WHERE line NOT LIKE '%status=200%';

-- name: logs_line_pattern
SELECT count(*) FROM logs WHERE line LIKE '%path=/api/_____ %';

-- name: logs_time_window
SELECT labels['app'], count(*) FROM logs WHERE ts >= TIMESTAMP '2024-01-01 00:15:00' AND ts < TIMESTAMP '2024-01-01 00:45:00' GROUP BY labels['app'];

-- name: logs_nanos_window
SELECT count(*) FROM logs WHERE ts_ns BETWEEN 1704068100000000000 AND 1704069000000000000;

-- name: logs_latest ordered
SELECT ts_ns, labels['app'], line FROM logs WHERE labels['env'] = 'prod' ORDER BY ts_ns DESC LIMIT 20;

-- name: logs_earliest_errors ordered
SELECT ts, ts_ns, line FROM logs WHERE level = 'error' ORDER BY ts_ns LIMIT 15;

-- name: logs_bucket_minute_errors
SELECT FLOOR(ts TO MINUTE), count(*) FROM logs WHERE level = 'error' GROUP BY FLOOR(ts TO MINUTE);
-- duckdb
SELECT date_trunc('minute', ts), count(*) FROM logs WHERE level = 'error' GROUP BY 1;

-- name: logs_bucket_nanos
SELECT ts_ns / 600000000000 AS bucket, count(*) FROM logs GROUP BY ts_ns / 600000000000;
-- duckdb
SELECT ts_ns // 600000000000 AS bucket, count(*) FROM logs GROUP BY 1;

-- name: logs_metadata_user
SELECT metadata['user'], count(*) FROM logs WHERE metadata['user'] IS NOT NULL GROUP BY metadata['user'];

-- name: logs_with_trace
SELECT count(*), count(trace_id), count(DISTINCT trace_id) FROM logs;

-- name: logs_trace_id_null
SELECT level, count(*) FROM logs WHERE trace_id IS NULL GROUP BY level;

-- name: logs_distinct_levels_per_app
SELECT labels['app'], count(DISTINCT level) FROM logs GROUP BY labels['app'];

-- name: logs_join_spans_on_trace
SELECT s.service_name, count(*) FROM logs l JOIN spans s ON l.trace_id = s.trace_id AND l.span_id = s.span_id GROUP BY s.service_name;

-- name: logs_join_spans_trace_only
SELECT l.level, count(*), count(DISTINCT s.span_id) FROM logs l JOIN spans s ON l.trace_id = s.trace_id GROUP BY l.level;

-- name: logs_left_join_spans
SELECT l.level, count(s.span_id) FROM logs l LEFT JOIN spans s ON l.span_id = s.span_id GROUP BY l.level;

-- name: logs_errors_in_error_spans
SELECT count(*) FROM logs l JOIN spans s ON l.span_id = s.span_id WHERE s.status_code = 'error' AND l.level = 'error';

-- name: logs_exists_span
SELECT count(*) FROM logs l WHERE EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = l.trace_id AND s.status_code = 'error');

-- name: logs_window_row_number ordered
SELECT app, ts_ns, rn FROM (SELECT labels['app'] AS app, ts_ns, row_number() OVER (PARTITION BY labels['app'] ORDER BY ts_ns) AS rn FROM logs) t WHERE rn <= 3 ORDER BY app, rn;

-- name: logs_upper_level
SELECT UPPER(level), count(*) FROM logs GROUP BY UPPER(level);

-- name: logs_line_length
SELECT level, max(CHAR_LENGTH(line)), min(CHAR_LENGTH(line)) FROM logs GROUP BY level;

-- name: spans_count
SELECT count(*) FROM spans;

-- name: spans_per_service
SELECT service_name, count(*), sum(duration_ns), min(duration_ns), max(duration_ns) FROM spans GROUP BY service_name;

-- name: spans_avg_duration_ms
SELECT service_name, name, avg(CAST(duration_ns AS DOUBLE)) / 1000000.0 FROM spans GROUP BY service_name, name;

-- name: spans_status_counts
SELECT status_code, count(*) FROM spans GROUP BY status_code;

-- name: spans_errors
SELECT trace_id, span_id, name, status_message FROM spans WHERE status_code = 'error';

-- name: spans_roots
SELECT service_name, count(*) FROM spans WHERE parent_span_id IS NULL GROUP BY service_name;

-- name: spans_parent_join
SELECT p.service_name AS parent_service, c.service_name AS child_service, count(*) FROM spans c JOIN spans p ON c.parent_span_id = p.span_id AND c.trace_id = p.trace_id GROUP BY p.service_name, c.service_name;

-- name: spans_children_count
SELECT p.name, count(c.span_id) FROM spans p LEFT JOIN spans c ON c.parent_span_id = p.span_id GROUP BY p.name;

-- name: spans_slowest ordered
SELECT trace_id, span_id, duration_ns FROM spans ORDER BY duration_ns DESC, span_id LIMIT 10;

-- name: spans_attribute_filter
SELECT name, count(*) FROM spans WHERE attributes['http.method'] = 'GET' GROUP BY name;

-- name: spans_attribute_status
SELECT attributes['http.status_code'], count(*) FROM spans WHERE attributes['http.status_code'] IS NOT NULL GROUP BY attributes['http.status_code'];

-- name: spans_attribute_int
SELECT attributes_int['http.status_code'], count(*) FROM spans WHERE attributes_int['http.status_code'] >= 400 GROUP BY attributes_int['http.status_code'];

-- name: spans_resource_attribute
SELECT resource_attributes['host.name'], count(*) FROM spans GROUP BY resource_attributes['host.name'];

-- name: spans_resource_service_match
SELECT count(*) FROM spans WHERE resource_attributes['service.name'] = service_name;

-- name: spans_time_window
SELECT service_name, count(*) FROM spans WHERE start_ts >= TIMESTAMP '2024-01-01 00:20:00' AND start_ts < TIMESTAMP '2024-01-01 00:40:00' GROUP BY service_name;

-- name: spans_end_after_start
SELECT count(*) FROM spans WHERE end_ts_ns - start_ts_ns = duration_ns;

-- name: spans_trace_sizes
SELECT n, count(*) FROM (SELECT trace_id, count(*) AS n FROM spans GROUP BY trace_id) t GROUP BY n;

-- name: spans_trace_durations ordered
SELECT trace_id, max(end_ts_ns) - min(start_ts_ns) AS d FROM spans GROUP BY trace_id ORDER BY d DESC, trace_id LIMIT 10;

-- name: spans_kind_service
SELECT kind, service_name, count(*) FROM spans GROUP BY kind, service_name;

-- name: spans_window_share
SELECT span_id, duration_ns, sum(duration_ns) OVER (PARTITION BY trace_id) AS trace_total FROM spans WHERE service_name = 'db';

-- name: spans_in_error_traces
SELECT service_name, count(*) FROM spans WHERE trace_id IN (SELECT trace_id FROM spans WHERE status_code = 'error') GROUP BY service_name;

-- name: spans_not_in_error_traces
SELECT count(*) FROM spans WHERE trace_id NOT IN (SELECT trace_id FROM spans WHERE status_code = 'error');

-- name: spans_grandchildren
SELECT count(*) FROM spans g JOIN spans c ON g.parent_span_id = c.span_id JOIN spans r ON c.parent_span_id = r.span_id WHERE r.parent_span_id IS NULL;

-- name: spans_name_like
SELECT name, count(*) FROM spans WHERE name LIKE 'SELECT%' GROUP BY name;

-- name: spans_duration_buckets
SELECT CASE WHEN duration_ns < 10000000 THEN 'fast' WHEN duration_ns < 30000000 THEN 'medium' ELSE 'slow' END AS speed, count(*) FROM spans GROUP BY 1;

-- name: spans_bucket_minute
SELECT FLOOR(start_ts TO MINUTE), count(*) FROM spans GROUP BY FLOOR(start_ts TO MINUTE);
-- duckdb
SELECT date_trunc('minute', start_ts), count(*) FROM spans GROUP BY 1;

-- name: cross_signal_union
SELECT 'logs' AS signal, count(*) FROM logs UNION ALL SELECT 'spans', count(*) FROM spans UNION ALL SELECT 'samples', count(*) FROM samples;

-- name: samples_counter_series_count
SELECT labels['job'], count(DISTINCT series_id) FROM samples WHERE metric = 'http_requests_total' GROUP BY labels['job'];

-- name: samples_min_max_ts_per_series
SELECT series_id, min(ts), max(ts), count(*) FROM samples GROUP BY series_id;

-- name: samples_avg_per_instance_region
SELECT labels['instance'], labels['region'], avg("value") FROM samples WHERE metric = 'cpu_usage' GROUP BY labels['instance'], labels['region'];

-- name: samples_not_in_jobs
SELECT metric, count(*) FROM samples WHERE labels['job'] NOT IN ('api', 'web') GROUP BY metric;

-- name: samples_or_filter
SELECT count(*) FROM samples WHERE labels['job'] = 'api' OR labels['instance'] = 'd';

-- name: samples_and_or_filter
SELECT metric, count(*) FROM samples WHERE (labels['job'] = 'api' OR labels['job'] = 'db') AND "value" > 100 GROUP BY metric;

-- name: samples_not_filter
SELECT count(*) FROM samples WHERE NOT (labels['job'] = 'api');

-- name: samples_time_open_upper
SELECT count(*) FROM samples WHERE ts < TIMESTAMP '2024-01-01 00:07:30';

-- name: samples_time_exclusive_bounds
SELECT count(*) FROM samples WHERE ts > TIMESTAMP '2024-01-01 00:10:00' AND ts < TIMESTAMP '2024-01-01 00:10:30';

-- name: samples_time_reversed_literal
SELECT count(*) FROM samples WHERE TIMESTAMP '2024-01-01 00:50:00' <= ts;

-- name: samples_empty_time_range
SELECT count(*), sum("value") FROM samples WHERE ts > TIMESTAMP '2030-01-01 00:00:00';

-- name: samples_empty_group
SELECT metric, count(*) FROM samples WHERE ts > TIMESTAMP '2030-01-01 00:00:00' GROUP BY metric;

-- name: samples_contradiction
SELECT count(*) FROM samples WHERE ts > TIMESTAMP '2024-01-01 00:40:00' AND ts < TIMESTAMP '2024-01-01 00:30:00';

-- name: samples_interval_arithmetic
SELECT count(*) FROM samples WHERE ts >= TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '30' MINUTE;

-- name: samples_ts_minus_interval
SELECT metric, count(*) FROM samples WHERE ts - INTERVAL '1' HOUR < TIMESTAMP '2023-12-31 23:10:00' GROUP BY metric;

-- name: samples_value_negation
SELECT metric, min(-"value"), max(-"value") FROM samples GROUP BY metric;

-- name: samples_value_modulo
SELECT count(*) FROM samples WHERE MOD(series_id, 2) = 0;

-- name: samples_abs_round
SELECT metric, sum(ABS("value" - 500)) FROM samples GROUP BY metric;

-- name: samples_value_cast_bigint
SELECT metric, sum(CAST(FLOOR("value") AS BIGINT)) FROM samples GROUP BY metric;

-- name: samples_sum_int_cast
SELECT labels['job'], sum(CAST(1 AS BIGINT)) FROM samples GROUP BY labels['job'];

-- name: samples_label_concat
SELECT labels['job'] || '/' || labels['instance'] AS target, count(*) FROM samples GROUP BY labels['job'] || '/' || labels['instance'];

-- name: samples_top_series_by_sum ordered
SELECT series_id, sum("value") AS total FROM samples GROUP BY series_id ORDER BY total DESC, series_id LIMIT 5;

-- name: samples_order_by_two_keys ordered
SELECT labels['job'] AS job, labels['instance'] AS instance, count(*) AS n FROM samples WHERE metric = 'cpu_usage' GROUP BY labels['job'], labels['instance'] ORDER BY job DESC, instance ASC;

-- name: samples_order_by_ordinal ordered
SELECT metric, count(*) FROM samples GROUP BY metric ORDER BY 1;

-- name: samples_limit_without_order
SELECT count(*) FROM (SELECT ts FROM samples LIMIT 100) t;

-- name: samples_having_count
SELECT labels['job'], labels['instance'] FROM samples GROUP BY labels['job'], labels['instance'] HAVING count(*) = 720;

-- name: samples_self_join_same_ts
SELECT count(*) FROM samples a JOIN samples b ON a.series_id = b.series_id AND a.ts = b.ts WHERE a.metric = 'cpu_usage';

-- name: samples_window_avg_partition
SELECT series_id, ts, avg("value") OVER (PARTITION BY series_id) FROM samples WHERE metric = 'cpu_usage' AND labels['job'] = 'db';

-- name: samples_window_moving_avg
SELECT ts, avg("value") OVER (ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM samples WHERE series_id = (SELECT min(series_id) FROM series WHERE metric = 'cpu_usage');

-- name: samples_window_dense_rank ordered
SELECT job, total, dense_rank() OVER (ORDER BY total DESC) AS r FROM (SELECT labels['job'] AS job, sum("value") AS total FROM samples GROUP BY labels['job']) t ORDER BY r, job;

-- name: samples_window_first_value
SELECT DISTINCT series_id, first_value("value") OVER (PARTITION BY series_id ORDER BY ts) FROM samples WHERE metric = 'http_requests_total';

-- name: samples_window_count_per_metric
SELECT DISTINCT metric, count(*) OVER (PARTITION BY metric) FROM samples;

-- name: samples_exists_series
SELECT count(*) FROM series s WHERE EXISTS (SELECT 1 FROM samples x WHERE x.series_id = s.series_id AND x."value" > 2000);

-- name: samples_correlated_scalar
SELECT s.metric, s.labels['job'], (SELECT max(x."value") FROM samples x WHERE x.series_id = s.series_id) FROM series s;

-- name: samples_in_subquery_with_group
SELECT metric, count(*) FROM samples WHERE labels['job'] IN (SELECT labels['job'] FROM series WHERE unit = 'bytes') GROUP BY metric;

-- name: samples_intersect
SELECT labels['job'] FROM samples WHERE "value" > 1500 INTERSECT SELECT labels['job'] FROM samples WHERE metric = 'cpu_usage';

-- name: samples_except
SELECT DISTINCT labels['instance'] FROM samples EXCEPT SELECT labels['instance'] FROM samples WHERE labels['region'] = 'eu';

-- name: samples_nested_aggregate
SELECT max(n), min(n) FROM (SELECT series_id, count(*) AS n FROM samples GROUP BY series_id) t;

-- name: samples_multi_cte
WITH a AS (SELECT series_id, avg("value") AS m FROM samples GROUP BY series_id), b AS (SELECT avg(m) AS overall FROM a)
SELECT count(*) FROM a, b WHERE a.m > b.overall;

-- name: samples_bucket_second_count
SELECT count(*) FROM (SELECT FLOOR(ts TO SECOND) AS s FROM samples WHERE metric = 'cpu_usage' GROUP BY FLOOR(ts TO SECOND)) t;
-- duckdb
SELECT count(*) FROM (SELECT date_trunc('second', ts) AS s FROM samples WHERE metric = 'cpu_usage' GROUP BY 1) t;

-- name: samples_bucket_day
SELECT FLOOR(ts TO DAY), count(*) FROM samples GROUP BY FLOOR(ts TO DAY);
-- duckdb
SELECT date_trunc('day', ts), count(*) FROM samples GROUP BY 1;

-- name: samples_ceil_minute
SELECT count(DISTINCT CEIL(ts TO MINUTE)) FROM samples;
-- duckdb
SELECT count(DISTINCT CASE WHEN date_trunc('minute', ts) = ts THEN ts ELSE date_trunc('minute', ts) + INTERVAL 1 MINUTE END) FROM samples;

-- name: samples_value_null_handling
SELECT count(*), count(labels['region']), sum(CASE WHEN labels['region'] IS NULL THEN 1 ELSE 0 END) FROM samples;

-- name: series_regex_like
SELECT metric FROM series WHERE metric LIKE 'c_u%' GROUP BY metric;

-- name: series_count_labels
SELECT labels['job'], count(*) FROM series GROUP BY labels['job'];

-- name: series_help_text
SELECT DISTINCT help FROM series;

-- name: logs_stream_ids
SELECT count(DISTINCT stream_id) FROM logs;

-- name: logs_stream_label_map
SELECT DISTINCT labels FROM logs;

-- name: logs_env_prod_errors
SELECT labels['app'], count(*) FROM logs WHERE labels['env'] = 'prod' AND level = 'error' GROUP BY labels['app'];

-- name: logs_app_like
SELECT labels['app'], count(*) FROM logs WHERE labels['app'] LIKE 'w%' GROUP BY labels['app'];

-- name: logs_app_in
SELECT count(*) FROM logs WHERE labels['app'] IN ('api', 'worker') AND labels['env'] <> 'dev';

-- name: logs_status_404
SELECT labels['app'], count(*) FROM logs WHERE line LIKE '%status=404%' GROUP BY labels['app'];

-- name: logs_path_health
SELECT level, count(*) FROM logs WHERE line LIKE '%path=/health %' GROUP BY level;

-- name: logs_underscore_pattern
SELECT count(*) FROM logs WHERE line LIKE 'level=_rror%';

-- name: logs_position
SELECT level, count(*) FROM logs WHERE POSITION('failed' IN line) > 0 GROUP BY level;

-- name: logs_substring
SELECT SUBSTRING(line FROM 1 FOR 10), count(*) FROM logs GROUP BY SUBSTRING(line FROM 1 FOR 10);

-- name: logs_lower
SELECT LOWER(labels['app']), count(*) FROM logs GROUP BY LOWER(labels['app']);

-- name: logs_latest_per_app ordered
SELECT labels['app'] AS app, max(ts_ns) AS latest FROM logs GROUP BY labels['app'] ORDER BY app;

-- name: logs_time_and_label
SELECT count(*) FROM logs WHERE ts BETWEEN TIMESTAMP '2024-01-01 00:00:00' AND TIMESTAMP '2024-01-01 00:05:00' AND labels['app'] = 'api';

-- name: logs_ts_millis_vs_nanos
SELECT count(*) FROM logs WHERE ts >= TIMESTAMP '2024-01-01 00:30:00.123' AND ts_ns < 1704069000123000000;

-- name: logs_levels_having
SELECT level FROM logs GROUP BY level HAVING count(*) > 1000;

-- name: logs_bucket_by_level_ordered ordered
SELECT FLOOR(ts TO HOUR) AS h, level, count(*) AS n FROM logs GROUP BY FLOOR(ts TO HOUR), level ORDER BY h, level;
-- duckdb
SELECT date_trunc('hour', ts) AS h, level, count(*) AS n FROM logs GROUP BY 1, 2 ORDER BY h, level;

-- name: logs_metadata_trace_matches_column
SELECT count(*) FROM logs WHERE metadata['trace_id'] = trace_id;

-- name: logs_top_users ordered
SELECT metadata['user'] AS u, count(*) AS n FROM logs WHERE metadata['user'] IS NOT NULL GROUP BY metadata['user'] ORDER BY n DESC, u LIMIT 5;

-- name: logs_span_names
SELECT s.name, l.level, count(*) FROM logs l JOIN spans s ON l.span_id = s.span_id GROUP BY s.name, l.level;

-- name: logs_traces_without_logs
SELECT count(DISTINCT trace_id) FROM spans s WHERE NOT EXISTS (SELECT 1 FROM logs l WHERE l.trace_id = s.trace_id);

-- name: logs_join_time_order ordered
SELECT l.ts_ns, s.span_id FROM logs l JOIN spans s ON l.span_id = s.span_id WHERE s.status_code = 'error' ORDER BY l.ts_ns, s.span_id LIMIT 10;

-- name: logs_window_lag_gap
SELECT app, max(gap) FROM (SELECT labels['app'] AS app, ts_ns - lag(ts_ns) OVER (PARTITION BY labels['app'] ORDER BY ts_ns) AS gap FROM logs) t GROUP BY app;

-- name: logs_window_ntile
SELECT q, count(*) FROM (SELECT ntile(4) OVER (ORDER BY ts_ns) AS q FROM logs) t GROUP BY q;

-- name: logs_union_apps
SELECT labels['app'] AS app FROM logs WHERE level = 'error' UNION SELECT service_name FROM spans;

-- name: logs_count_filter_aggregate
SELECT count(*) FILTER (WHERE level = 'error'), count(*) FILTER (WHERE level = 'info') FROM logs;

-- name: spans_durations_ms_rounded
SELECT name, max(duration_ns / 1000000) FROM spans GROUP BY name;
-- duckdb
SELECT name, max(duration_ns // 1000000) FROM spans GROUP BY name;

-- name: spans_status_per_service
SELECT service_name, status_code, count(*) FROM spans GROUP BY service_name, status_code;

-- name: spans_error_ratio
SELECT service_name, sum(CASE WHEN status_code = 'error' THEN 1 ELSE 0 END) * 1.0 / count(*) FROM spans GROUP BY service_name;

-- name: spans_status_message_null
SELECT count(*), count(status_message) FROM spans;

-- name: spans_parent_name_pairs
SELECT p.name, c.name, count(*) FROM spans c JOIN spans p ON c.parent_span_id = p.span_id GROUP BY p.name, c.name;

-- name: spans_leaf_spans
SELECT service_name, count(*) FROM spans p WHERE NOT EXISTS (SELECT 1 FROM spans c WHERE c.parent_span_id = p.span_id) GROUP BY service_name;

-- name: spans_root_duration_vs_children
SELECT count(*) FROM spans r JOIN (SELECT parent_span_id, max(end_ts_ns) AS last_end FROM spans WHERE parent_span_id IS NOT NULL GROUP BY parent_span_id) c ON c.parent_span_id = r.span_id WHERE c.last_end > r.end_ts_ns;

-- name: spans_service_name_pushdown
SELECT name, count(*) FROM spans WHERE service_name = 'api' GROUP BY name;

-- name: spans_name_pushdown
SELECT service_name, count(*) FROM spans WHERE name = 'render' GROUP BY service_name;

-- name: spans_resource_host_in
SELECT service_name, count(*) FROM spans WHERE resource_attributes['host.name'] IN ('host-0', 'host-2') GROUP BY service_name;

-- name: spans_kind_not_equal
SELECT kind, count(*) FROM spans WHERE kind <> 'internal' GROUP BY kind;

-- name: spans_attributes_map
SELECT span_id, attributes FROM spans WHERE status_code = 'error';

-- name: spans_db_system
SELECT attributes['db.system'], service_name, count(*) FROM spans GROUP BY attributes['db.system'], service_name;

-- name: spans_http_5xx
SELECT name, count(*) FROM spans WHERE attributes_int['http.status_code'] BETWEEN 500 AND 599 GROUP BY name;

-- name: spans_start_nanos_window
SELECT count(*) FROM spans WHERE start_ts_ns >= 1704068400000000000 AND start_ts_ns < 1704070200000000000;

-- name: spans_trace_span_counts ordered
SELECT trace_id, count(*) AS n, count(DISTINCT service_name) AS services FROM spans GROUP BY trace_id ORDER BY n DESC, trace_id LIMIT 10;

-- name: spans_window_rank_within_trace
SELECT count(*) FROM (SELECT span_id, rank() OVER (PARTITION BY trace_id ORDER BY duration_ns DESC, span_id) AS r FROM spans) t WHERE r = 1;

-- name: spans_window_percent
SELECT service_name, max(share) FROM (SELECT service_name, CAST(duration_ns AS DOUBLE) / sum(duration_ns) OVER (PARTITION BY trace_id) AS share FROM spans) t GROUP BY service_name;

-- name: spans_avg_by_kind
SELECT kind, avg(CAST(duration_ns AS DOUBLE)), count(*) FROM spans GROUP BY kind;

-- name: spans_distinct_trace_count
SELECT count(DISTINCT trace_id) FROM spans;

-- name: spans_trace_ids_with_db
SELECT count(*) FROM (SELECT DISTINCT trace_id FROM spans WHERE service_name = 'db') t;

-- name: spans_case_status
SELECT CASE status_code WHEN 'error' THEN 1 WHEN 'ok' THEN 2 ELSE 3 END AS s, count(*) FROM spans GROUP BY CASE status_code WHEN 'error' THEN 1 WHEN 'ok' THEN 2 ELSE 3 END;

-- name: spans_coalesce_parent
SELECT COALESCE(parent_span_id, 'root') = 'root', count(*) FROM spans GROUP BY COALESCE(parent_span_id, 'root') = 'root';

-- name: spans_values_join
SELECT v.svc, count(s.span_id) FROM (VALUES ('api'), ('db'), ('nothing')) AS v(svc) LEFT JOIN spans s ON s.service_name = v.svc GROUP BY v.svc;

-- name: cross_logs_samples_by_minute
SELECT count(*) FROM (SELECT FLOOR(ts TO MINUTE) AS m FROM logs GROUP BY FLOOR(ts TO MINUTE)) l JOIN (SELECT FLOOR(ts TO MINUTE) AS m FROM samples GROUP BY FLOOR(ts TO MINUTE)) s ON l.m = s.m;
-- duckdb
SELECT count(*) FROM (SELECT date_trunc('minute', ts) AS m FROM logs GROUP BY 1) l JOIN (SELECT date_trunc('minute', ts) AS m FROM samples GROUP BY 1) s ON l.m = s.m;

-- name: cross_error_minutes
SELECT count(*) FROM (SELECT DISTINCT FLOOR(ts TO MINUTE) AS m FROM logs WHERE level = 'error') l WHERE l.m IN (SELECT FLOOR(start_ts TO MINUTE) FROM spans WHERE status_code = 'error');
-- duckdb
SELECT count(*) FROM (SELECT DISTINCT date_trunc('minute', ts) AS m FROM logs WHERE level = 'error') l WHERE l.m IN (SELECT date_trunc('minute', start_ts) FROM spans WHERE status_code = 'error');

-- name: values_only
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(x, y);

-- name: constant_select
SELECT 1 + 2, 'x' || 'y';

-- name: samples_group_by_metric_type_join_filter
SELECT s.metric, avg(x."value") FROM samples x JOIN series s ON x.series_id = s.series_id WHERE s.unit = 'bytes' GROUP BY s.metric;

-- name: spans_avg_over_join
SELECT p.service_name, avg(CAST(c.duration_ns AS DOUBLE)) FROM spans c JOIN spans p ON c.parent_span_id = p.span_id GROUP BY p.service_name;

-- name: logs_avg_line_length_per_service
SELECT s.service_name, avg(CAST(CHAR_LENGTH(l.line) AS DOUBLE)) FROM logs l JOIN spans s ON l.span_id = s.span_id GROUP BY s.service_name;

-- Grouping on columns a scan hands over in dictionary form (level, metric, label maps): two
-- dictionary keys at once, keys and filters computed per dictionary entry, nulls, missing keys,
-- expressions mixing a dictionary column with another column, COUNT of a dictionary column.

-- name: dictionary_level_and_app
SELECT level, labels['app'], count(*) FROM logs WHERE ts >= TIMESTAMP '2024-01-01 00:10:00' GROUP BY level, labels['app'];

-- name: dictionary_level_is_null_key
SELECT level IS NULL, count(*) FROM logs GROUP BY level IS NULL;

-- name: dictionary_missing_label_key
SELECT labels['no_such_label'], count(*) FROM logs WHERE level <> 'debug' GROUP BY labels['no_such_label'];

-- name: dictionary_count_of_level_per_app
SELECT labels['app'], count(level), count(*) FROM logs GROUP BY labels['app'];

-- name: dictionary_errors_by_app_and_env
SELECT labels['app'], labels['env'], count(*) FROM logs WHERE level = 'error' OR level IS NULL GROUP BY labels['app'], labels['env'];

-- name: dictionary_metric_and_label_mixed
SELECT CASE WHEN labels['job'] = 'api' THEN metric ELSE 'other' END, count(*), sum("value") FROM samples GROUP BY CASE WHEN labels['job'] = 'api' THEN metric ELSE 'other' END;

-- name: dictionary_label_flag_key
SELECT labels['job'] = 'api', max("value"), min("value") FROM samples GROUP BY labels['job'] = 'api';

-- name: dictionary_metric_and_missing_region
SELECT metric, labels['region'], count(*), avg("value") FROM samples WHERE metric IN ('cpu_usage', 'memory_bytes') AND labels['region'] IS NULL GROUP BY metric, labels['region'];

-- name: dictionary_metric_by_hour
SELECT metric, FLOOR(ts TO HOUR), count(*), max("value") FROM samples WHERE ts < TIMESTAMP '2024-01-01 00:40:00' GROUP BY metric, FLOOR(ts TO HOUR);
-- duckdb
SELECT metric, date_trunc('hour', ts), count(*), max("value") FROM samples WHERE ts < TIMESTAMP '2024-01-01 00:40:00' GROUP BY 1, 2;
