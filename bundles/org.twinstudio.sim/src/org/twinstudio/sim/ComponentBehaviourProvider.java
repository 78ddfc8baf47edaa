package org.twinstudio.sim;

/**
 * Supplies the behaviour of one component type, keyed by the type id of the model's component type registry.
 * Built-ins are registered with {@link java.util.ServiceLoader} (META-INF/services of this bundle); third parties
 * register an OSGi service under this interface or call {@link BehaviourRegistry#register}.
 */
public interface ComponentBehaviourProvider {

    /** The component type id, e.g. {@code "tank"}. */
    String typeId();

    /** A new behaviour for one component; throws {@link IllegalArgumentException} for unusable parameters. */
    ComponentBehaviour create(BehaviourContext context);
}
