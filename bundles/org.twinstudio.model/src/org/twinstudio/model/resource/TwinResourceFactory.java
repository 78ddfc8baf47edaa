package org.twinstudio.model.resource;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/** Creates {@link TwinResource}s for {@code *.twin} files. */
public class TwinResourceFactory extends XMIResourceFactoryImpl {

    public static final String EXTENSION = "twin";

    @Override
    public Resource createResource(URI uri) {
        TwinResource resource = new TwinResource(uri);
        resource.getDefaultSaveOptions().putAll(TwinResource.defaultSaveOptions());
        // Keep reading past unknown attributes and elements; they are reported, not fatal.
        resource.getDefaultLoadOptions().put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.TRUE);
        resource.getDefaultLoadOptions().put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        resource.getDefaultLoadOptions().put(XMLResource.OPTION_USE_ENCODED_ATTRIBUTE_STYLE, Boolean.FALSE);
        return resource;
    }
}
