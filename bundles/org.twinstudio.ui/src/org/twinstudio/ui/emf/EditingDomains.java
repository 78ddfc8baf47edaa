package org.twinstudio.ui.emf;

import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.ecore.resource.ResourceSet;

/** Editing domains over a given resource set. */
public final class EditingDomains {

    private EditingDomains() {
    }

    /**
     * An editing domain over {@code resourceSet} that its objects lead back to: item property descriptors (the
     * Properties view) find it from an object and execute their changes as undoable commands on its stack.
     */
    public static AdapterFactoryEditingDomain create(AdapterFactory adapterFactory, CommandStack commandStack,
            ResourceSet resourceSet) {
        AdapterFactoryEditingDomain domain = new AdapterFactoryEditingDomain(adapterFactory, commandStack, resourceSet);
        resourceSet.eAdapters().add(new AdapterFactoryEditingDomain.EditingDomainProvider(domain));
        return domain;
    }
}
