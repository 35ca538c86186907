package io.countcast.signal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/** A {@link NamespaceWatch} whose state the test sets: current, stopped, its objects. */
public final class FakeNamespaceWatch<T extends HasMetadata> implements NamespaceWatch<T> {

  public final String namespace;
  public final List<T> objects = new ArrayList<>();
  public boolean current;
  public boolean stopped;
  public boolean closed;

  public FakeNamespaceWatch(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public boolean current() {
    return current && !closed;
  }

  @Override
  public boolean stopped() {
    return stopped || closed;
  }

  @Override
  public List<T> items() {
    return List.copyOf(objects);
  }

  @Override
  public T get(String name) {
    return objects.stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
  }

  @Override
  public void close() {
    closed = true;
  }
}
