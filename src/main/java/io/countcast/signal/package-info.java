/**
 * The restart signal: per-window counts of new container restarts and the pod-seconds of
 * exposure they happened in, for the pods a CountForecast selects.
 *
 * <p>Pieces, from pure to I/O:
 * <ul>
 *   <li>{@link io.countcast.signal.RestartDeltaTracker}: new restarts between two snapshots of
 *       pods; the counting rules (baseline pods, replaced pods, added containers, deleted pods,
 *       counter resets) are documented there.</li>
 *   <li>{@link io.countcast.signal.PodExposure}: pod-seconds at risk in an interval.</li>
 *   <li>{@link io.countcast.signal.WindowedRestartCounter}: cuts both into fixed windows; gaps
 *       and downtime attribution are documented there.</li>
 *   <li>{@link io.countcast.signal.SampleHistory}: bounded window history and the arrays the
 *       forecaster reads; the 1 MiB ConfigMap budget is worked out there.</li>
 *   <li>{@link io.countcast.signal.SignalStateCodec} and {@link io.countcast.signal.HistoryStore}:
 *       the owned {@code <name>-countcast-history} ConfigMap, with optimistic concurrency.</li>
 *   <li>{@link io.countcast.signal.PodRestartSource}: the selected pods, from the namespace's
 *       pod cache ({@link io.countcast.signal.NamespaceCaches} of slim Pods,
 *       {@link io.countcast.signal.InformerWatch}) while it is current, else a label-selected,
 *       paginated LIST.</li>
 *   <li>{@link io.countcast.signal.RestartSignalCollector}: one tick = observe, count, persist.</li>
 * </ul>
 */
package io.countcast.signal;
