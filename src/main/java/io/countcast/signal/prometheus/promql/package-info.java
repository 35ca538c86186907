/**
 * A PromQL (Prometheus 2.42) lexer, recursive-descent parser with precedence climbing, AST and
 * printer: enough to find and rewrite every vector selector of a query exactly, never by regex.
 * Entry point: {@link io.countcast.signal.prometheus.promql.PromqlParser#parse(String)}; errors
 * are {@link io.countcast.signal.prometheus.promql.PromqlException} with reason and column.
 */
package io.countcast.signal.prometheus.promql;
