package org.twinstudio.model.resource;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/** TEMPORARY stand-in until the model API lands on main. */
public class TwinResourceFactory extends XMIResourceFactoryImpl {
    @Override
    public Resource createResource(URI uri) {
        return new TwinResource(uri);
    }
}
