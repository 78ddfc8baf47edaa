package org.twinstudio.model.resource;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;

/** TEMPORARY stand-in until the model API lands on main. */
public class TwinResource extends XMIResourceImpl {
    public TwinResource(URI uri) {
        super(uri);
        getDefaultSaveOptions().put(XMLResource.OPTION_ENCODING, "UTF-8");
        getDefaultLoadOptions().put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.TRUE);
    }

    @Override
    protected boolean useUUIDs() {
        return false;
    }
}
