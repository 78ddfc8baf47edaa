package org.twinstudio.sim;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import org.twinstudio.model.types.Contributions;
import org.twinstudio.sim.internal.behaviours.SignalBehaviours;

/**
 * Which component types can be simulated. Behaviours come from {@link ComponentBehaviourProvider}s: the built-ins
 * (found with {@link ServiceLoader} in this bundle), providers registered as OSGi services by other bundles, and
 * providers {@link #register registered} programmatically. The first provider for a type id wins.
 */
public final class BehaviourRegistry {

    private static volatile BehaviourRegistry defaultRegistry;

    private final Contributions<ComponentBehaviourProvider> providers;

    /** A registry with exactly the given providers (for tests and embedding). */
    public BehaviourRegistry(Collection<? extends ComponentBehaviourProvider> initial) {
        providers = new Contributions<>(ComponentBehaviourProvider.class, initial);
    }

    /** The built-in behaviours, without OSGi services (for tests that add their own providers). */
    public static BehaviourRegistry builtins() {
        BehaviourRegistry r = new BehaviourRegistry(List.of());
        r.providers.addServiceLoaded(BehaviourRegistry.class);
        // The ten signal blocks share one class; ServiceLoader needs a class per provider, so they are listed here.
        r.providers.addAll(SignalBehaviours.Providers.all());
        return r;
    }

    /** The registry of the running product: built-ins, OSGi services and registered providers. */
    public static BehaviourRegistry getDefault() {
        BehaviourRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (BehaviourRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = builtins();
                    r.providers.trackOsgiServices(BehaviourRegistry.class);
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    public void register(ComponentBehaviourProvider provider) {
        providers.addFirst(provider);
    }

    public void unregister(ComponentBehaviourProvider provider) {
        providers.remove(provider);
    }

    public Optional<ComponentBehaviourProvider> find(String typeId) {
        if (typeId == null) {
            return Optional.empty();
        }
        for (ComponentBehaviourProvider p : providers.current()) {
            if (typeId.equals(p.typeId())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
