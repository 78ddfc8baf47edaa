package org.twinstudio.model.types;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The contributions to one plugin surface, in order: those registered programmatically or shipped with a bundle
 * (found with {@link ServiceLoader}), then those other bundles register as OSGi services, tracked as they come and
 * go. Works outside OSGi too (then only the first kind). Used by every registry of the product.
 */
public final class Contributions<T> {

    private final Class<T> type;
    private final List<T> registered = new CopyOnWriteArrayList<>();
    private volatile ServiceTracker<T, T> tracker;

    public Contributions(Class<T> type, Collection<? extends T> initial) {
        this.type = type;
        registered.addAll(initial);
    }

    /** Adds the implementations listed in {@code META-INF/services} visible to {@code owner}'s class loader. */
    public Contributions<T> addServiceLoaded(Class<?> owner) {
        ServiceLoader.load(type, owner.getClassLoader()).forEach(registered::add);
        return this;
    }

    /** Also offers the OSGi services of this type, when {@code owner}'s bundle runs in a framework. */
    public Contributions<T> trackOsgiServices(Class<?> owner) {
        Bundle bundle;
        try {
            bundle = FrameworkUtil.getBundle(owner);
        } catch (NoClassDefFoundError notInOsgi) {
            return this;
        }
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context != null) {
            ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
            t.open();
            tracker = t;
        }
        return this;
    }

    public void add(T contribution) {
        registered.add(contribution);
    }

    /** Adds a contribution that wins over all present ones. */
    public void addFirst(T contribution) {
        registered.add(0, contribution);
    }

    public void addAll(Collection<? extends T> contributions) {
        registered.addAll(contributions);
    }

    public void remove(T contribution) {
        registered.remove(contribution);
    }

    /** A snapshot of all contributions, registered ones first. */
    public List<T> current() {
        List<T> all = new ArrayList<>(registered);
        ServiceTracker<T, T> t = tracker;
        Object[] services = t == null ? null : t.getServices();
        if (services != null) {
            for (Object service : services) {
                all.add(type.cast(service));
            }
        }
        return all;
    }
}
