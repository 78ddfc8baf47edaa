package org.twinstudio.ui.emf;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.edit.provider.ComposedImage;
import org.eclipse.jface.resource.CompositeImageDescriptor;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;

/**
 * Turns the image objects of EMF.Edit item providers (URLs, {@link ComposedImage}s, image descriptors) into SWT
 * images, creating each one once. The cache owns the images: {@link #dispose()} frees them all.
 */
public class ItemImageCache {

    private final Map<Object, Image> images = new HashMap<>();

    /** Returns the SWT image for an item provider image object, or null if there is none. */
    public Image get(Object key) {
        if (key == null) {
            return null;
        }
        if (key instanceof Image image) {
            return image;
        }
        Image cached = images.get(key);
        if (cached == null) {
            ImageDescriptor descriptor = descriptor(key);
            if (descriptor == null) {
                return null;
            }
            cached = descriptor.createImage(false);
            if (cached == null) {
                return null;
            }
            images.put(key, cached);
        }
        return cached;
    }

    /** Returns an image descriptor for an item provider image object, or null if it is of an unknown kind. */
    public static ImageDescriptor descriptor(Object key) {
        if (key instanceof ImageDescriptor descriptor) {
            return descriptor;
        }
        if (key instanceof URL url) {
            return ImageDescriptor.createFromURL(url);
        }
        if (key instanceof ComposedImage composed) {
            return new ComposedImageDescriptor(composed);
        }
        return null;
    }

    public void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }

    /** Draws the layers of a composed image (base image plus overlays) at the positions the composed image asks for. */
    private static final class ComposedImageDescriptor extends CompositeImageDescriptor {
        private final ComposedImage composed;
        private final List<ImageData> layers = new ArrayList<>();
        private final Point size;

        ComposedImageDescriptor(ComposedImage composed) {
            this.composed = composed;
            List<ComposedImage.Size> sizes = new ArrayList<>();
            for (Object layer : composed.getImages()) {
                ImageDescriptor descriptor = descriptor(layer);
                ImageData data = descriptor == null ? null : descriptor.getImageData(100);
                if (data != null) {
                    layers.add(data);
                    ComposedImage.Size layerSize = new ComposedImage.Size();
                    layerSize.width = data.width;
                    layerSize.height = data.height;
                    sizes.add(layerSize);
                }
            }
            ComposedImage.Size total = layers.isEmpty() ? null : composed.getSize(sizes);
            this.size = total == null ? new Point(16, 16) : new Point(total.width, total.height);
        }

        @Override
        protected void drawCompositeImage(int width, int height) {
            ComposedImage.Size total = new ComposedImage.Size();
            total.width = size.x;
            total.height = size.y;
            List<ComposedImage.Point> points = composed.getDrawPoints(total);
            for (int i = 0; i < layers.size(); i++) {
                ComposedImage.Point point = i < points.size() ? points.get(i) : null;
                ImageData data = layers.get(i);
                drawImage(zoom -> data, point == null ? 0 : point.x, point == null ? 0 : point.y);
            }
        }

        @Override
        protected Point getSize() {
            return size;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ComposedImageDescriptor that && that.composed.equals(composed);
        }

        @Override
        public int hashCode() {
            return composed.hashCode();
        }
    }
}
