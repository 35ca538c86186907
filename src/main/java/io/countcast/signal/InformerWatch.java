package io.countcast.signal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A {@link NamespaceWatch} on a fabric8 informer that keeps slim copies: every object the list
 * or the watch delivers goes through {@code slim} before it is stored (fabric8's
 * {@link ItemStore} hook), so the cache holds only the fields the signal reads, not whole Pods
 * or Deployments. The informer lists in pages of {@value #PAGE_SIZE} and does not resync.
 */
public final class InformerWatch<T extends HasMetadata> implements NamespaceWatch<T> {

  static final long PAGE_SIZE = 500;

  private final SharedIndexInformer<T> informer;
  private final String namespace;

  /**
   * Starts watching; returns at once (the copy is not current until the initial list is in).
   *
   * @param source e.g. {@code client.pods().inNamespace(namespace)}
   * @param slim the copy to store of each object; it must keep metadata.name, namespace and
   *     resourceVersion (the informer's bookkeeping)
   */
  public static <T extends HasMetadata> InformerWatch<T> start(Informable<T> source,
      String namespace, UnaryOperator<T> slim) {
    SharedIndexInformer<T> informer = source.withLimit(PAGE_SIZE).runnableInformer(0)
        .itemStore(new SlimItemStore<>(slim));
    informer.start();
    return new InformerWatch<>(informer, namespace);
  }

  private InformerWatch(SharedIndexInformer<T> informer, String namespace) {
    this.informer = informer;
    this.namespace = namespace;
  }

  @Override
  public boolean current() {
    return informer.isRunning() && informer.hasSynced() && informer.isWatching();
  }

  @Override
  public boolean stopped() {
    return informer.stopped().toCompletableFuture().isDone();
  }

  @Override
  public List<T> items() {
    return informer.getStore().list();
  }

  @Override
  public T get(String name) {
    return informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
  }

  @Override
  public void close() {
    informer.close();
  }

  /** fabric8's basic store, fed slim copies. */
  private static final class SlimItemStore<T extends HasMetadata> implements ItemStore<T> {
    private final BasicItemStore<T> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private final UnaryOperator<T> slim;

    SlimItemStore(UnaryOperator<T> slim) {
      this.slim = slim;
    }

    @Override
    public String getKey(T object) {
      return store.getKey(object);
    }

    @Override
    public T put(String key, T object) {
      return store.put(key, slim.apply(object));
    }

    @Override
    public T remove(String key) {
      return store.remove(key);
    }

    @Override
    public Stream<String> keySet() {
      return store.keySet();
    }

    @Override
    public Stream<T> values() {
      return store.values();
    }

    @Override
    public int size() {
      return store.size();
    }

    @Override
    public T get(String key) {
      return store.get(key);
    }
  }
}
