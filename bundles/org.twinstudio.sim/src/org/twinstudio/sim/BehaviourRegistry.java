package org.twinstudio.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.twinstudio.sim.internal.behaviours.SignalBehaviours;

/**
 * Which component types can be simulated. Behaviours come from {@link ComponentBehaviourProvider}s: the built-ins
 * (found with {@link ServiceLoader} in this bundle), providers registered as OSGi services by other bundles, and
 * providers {@link #register registered} programmatically. The first provider for a type id wins.
 */
public final class BehaviourRegistry {

    private static volatile BehaviourRegistry defaultRegistry;

    private final List<ComponentBehaviourProvider> providers = new CopyOnWriteArrayList<>();
    private ServiceTracker<ComponentBehaviourProvider, ComponentBehaviourProvider> tracker;

    /** A registry with exactly the given providers (for tests and embedding). */
    public BehaviourRegistry(Collection<? extends ComponentBehaviourProvider> initial) {
        providers.addAll(initial);
    }

    /** The built-in behaviours, without OSGi services (for tests that add their own providers). */
    public static BehaviourRegistry builtins() {
        BehaviourRegistry r = new BehaviourRegistry(List.of());
        ServiceLoader.load(ComponentBehaviourProvider.class, BehaviourRegistry.class.getClassLoader())
                .forEach(r.providers::add);
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
                    r.trackOsgiServices();
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    private void trackOsgiServices() {
        Bundle bundle;
        try {
            bundle = FrameworkUtil.getBundle(BehaviourRegistry.class);
        } catch (NoClassDefFoundError notInOsgi) {
            return;
        }
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return;
        }
        tracker = new ServiceTracker<>(context, ComponentBehaviourProvider.class, null);
        tracker.open();
    }

    public void register(ComponentBehaviourProvider provider) {
        providers.add(0, provider);
    }

    public void unregister(ComponentBehaviourProvider provider) {
        providers.remove(provider);
    }

    public Optional<ComponentBehaviourProvider> find(String typeId) {
        if (typeId == null) {
            return Optional.empty();
        }
        for (ComponentBehaviourProvider p : currentProviders()) {
            if (typeId.equals(p.typeId())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<ComponentBehaviourProvider> currentProviders() {
        List<ComponentBehaviourProvider> all = new ArrayList<>(providers);
        if (tracker != null) {
            ComponentBehaviourProvider[] services = tracker.getServices(new ComponentBehaviourProvider[0]);
            if (services != null) {
                all.addAll(List.of(services));
            }
        }
        return all;
    }
}
