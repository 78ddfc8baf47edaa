package org.twinstudio.model.types;

import java.util.Collection;

/**
 * Contributes component types to the {@link ComponentTypeRegistry}. Register an implementation as an OSGi
 * service (e.g. a declarative services component) or, outside OSGi, in
 * {@code META-INF/services/org.twinstudio.model.types.ComponentTypeProvider}.
 */
public interface ComponentTypeProvider {

    Collection<ComponentTypeDescriptor> componentTypes();
}
