package org.twinstudio.model.types;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;


/**
 * The one place that knows which component types exist. Types come from {@link ComponentTypeProvider}s: the
 * built-in ones (found with {@link ServiceLoader} in this bundle), providers registered as OSGi services by other
 * bundles (tracked while they come and go), and providers registered programmatically.
 */
public final class ComponentTypeRegistry {

    private static volatile ComponentTypeRegistry defaultRegistry;

    private final Contributions<ComponentTypeProvider> providers;

    /** A registry with exactly the given providers (for tests and embedding). */
    public ComponentTypeRegistry(Collection<? extends ComponentTypeProvider> initial) {
        providers = new Contributions<>(ComponentTypeProvider.class, initial);
    }

    /** The registry of the running product: built-ins, OSGi services and {@link #register registered} providers. */
    public static ComponentTypeRegistry getDefault() {
        ComponentTypeRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (ComponentTypeRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = new ComponentTypeRegistry(List.of());
                    r.providers.addServiceLoaded(ComponentTypeRegistry.class).trackOsgiServices(ComponentTypeRegistry.class);
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    public void register(ComponentTypeProvider provider) {
        providers.add(provider);
    }

    public void unregister(ComponentTypeProvider provider) {
        providers.remove(provider);
    }

    /** All types, sorted by category and label; the first provider wins when two declare the same id. */
    public Collection<ComponentTypeDescriptor> all() {
        Map<String, ComponentTypeDescriptor> byId = new LinkedHashMap<>();
        for (ComponentTypeProvider p : providers.current()) {
            for (ComponentTypeDescriptor d : p.componentTypes()) {
                byId.putIfAbsent(d.id(), d);
            }
        }
        List<ComponentTypeDescriptor> sorted = new ArrayList<>(byId.values());
        sorted.sort(Comparator.comparing(ComponentTypeDescriptor::category).thenComparing(ComponentTypeDescriptor::label));
        return sorted;
    }

    public Optional<ComponentTypeDescriptor> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (ComponentTypeProvider p : providers.current()) {
            for (ComponentTypeDescriptor d : p.componentTypes()) {
                if (d.id().equals(id)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

}
