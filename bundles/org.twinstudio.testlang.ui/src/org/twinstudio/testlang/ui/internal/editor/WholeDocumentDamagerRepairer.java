package org.twinstudio.testlang.ui.internal.editor;

import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.ITokenScanner;

/**
 * Re-colours the whole document on every change: opening {@code /*} or a string changes the colour of everything
 * after it, and re-lexing a suite (a few KB) takes well under a millisecond.
 */
final class WholeDocumentDamagerRepairer extends DefaultDamagerRepairer {

    WholeDocumentDamagerRepairer(ITokenScanner scanner) {
        super(scanner);
    }

    @Override
    public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
        return new Region(0, event.getDocument().getLength());
    }
}
