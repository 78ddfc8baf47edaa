import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;

import javax.imageio.ImageIO;

/**
 * Draws the Twinstudio artwork: the logo (a physical machine, solid, beside its digital twin, outlined, linked by a
 * signal line) at window-icon sizes, the About image, the splash screen, and the workbench icons.
 * Run from the repository root: {@code java releng/artwork/GenerateArtwork.java}.
 */
public class GenerateArtwork {

    static final Color NAVY = new Color(0x13, 0x2A, 0x43);
    static final Color NAVY_LIGHT = new Color(0x1F, 0x4E, 0x79);
    static final Color ORANGE = new Color(0xF2, 0x8C, 0x28);
    static final Color CYAN = new Color(0x4F, 0xD1, 0xE8);
    static final Color WHITE = Color.WHITE;

    public static void main(String[] args) throws IOException {
        File ui = new File("bundles/org.twinstudio.ui/icons");
        File branding = new File("bundles/org.twinstudio.branding");
        File brandingIcons = new File(branding, "icons");
        ui.mkdirs();
        brandingIcons.mkdirs();
        for (int size : new int[] { 16, 32, 48, 64, 128, 256 }) {
            ImageIO.write(logo(size), "png", new File(brandingIcons, "twinstudio" + size + ".png"));
        }
        ImageIO.write(logo(16), "png", new File(ui, "twinstudio16.png"));
        ImageIO.write(twinFile(), "png", new File(ui, "twinfile16.png"));
        File testlangUi = new File("bundles/org.twinstudio.testlang.ui/icons");
        testlangUi.mkdirs();
        ImageIO.write(twinTestFile(), "png", new File(testlangUi, "twintest16.png"));
        ImageIO.write(newProject(), "png", new File(ui, "newproject16.png"));
        ImageIO.write(natureOverlay(), "png", new File(ui, "twinnature8.png"));
        ImageIO.write(run(), "png", new File(ui, "run16.png"));
        ImageIO.write(results(), "png", new File(ui, "results16.png"));
        ImageIO.write(zoom(true), "png", new File(ui, "zoomin16.png"));
        ImageIO.write(zoom(false), "png", new File(ui, "zoomout16.png"));
        ImageIO.write(fit(), "png", new File(ui, "fit16.png"));
        ImageIO.write(export(), "png", new File(ui, "export16.png"));
        ImageIO.write(about(), "png", new File(brandingIcons, "about.png"));
        ImageIO.write(splash(), "bmp", new File(branding, "splash.bmp"));
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    /** The logo mark drawn into the square (x, y, s). */
    static void mark(Graphics2D g, double x, double y, double s, boolean background) {
        if (background) {
            g.setPaint(new GradientPaint((float) x, (float) y, NAVY_LIGHT, (float) x, (float) (y + s), NAVY));
            g.fill(new RoundRectangle2D.Double(x, y, s, s, s * 0.3, s * 0.3));
        }
        double r = s * 0.23;
        double cy = y + s * 0.5;
        double left = x + s * 0.31;
        double right = x + s * 0.69;
        g.setColor(ORANGE);
        g.fill(new Ellipse2D.Double(left - r, cy - r, 2 * r, 2 * r));
        g.setColor(CYAN);
        g.setStroke(new BasicStroke((float) Math.max(1.2, s * 0.075)));
        g.draw(new Ellipse2D.Double(right - r, cy - r, 2 * r, 2 * r));
        if (s >= 24) {
            g.setColor(WHITE);
            g.setStroke(new BasicStroke((float) (s * 0.04), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(left, cy, right, cy));
            double d = s * 0.045;
            g.fill(new Ellipse2D.Double(left - d, cy - d, 2 * d, 2 * d));
            g.fill(new Ellipse2D.Double(right - d, cy - d, 2 * d, 2 * d));
        }
    }

    static BufferedImage logo(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        mark(g, 0, 0, size, true);
        g.dispose();
        return image;
    }

    static BufferedImage twinFile() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(new Color(0xF4, 0xF7, 0xFA));
        g.fillRect(2, 1, 11, 14);
        g.setColor(new Color(0x7A, 0x8A, 0x9A));
        g.drawRect(2, 1, 11, 14);
        g.setColor(ORANGE);
        g.fill(new Ellipse2D.Double(3.5, 5.5, 5, 5));
        g.setColor(NAVY_LIGHT);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Ellipse2D.Double(7.5, 5.5, 5, 5));
        g.dispose();
        return image;
    }

    /** A .twintest file: a page with lines of steps and a green check mark. */
    static BufferedImage twinTestFile() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(new Color(0xF4, 0xF7, 0xFA));
        g.fillRect(2, 1, 11, 14);
        g.setColor(new Color(0x7A, 0x8A, 0x9A));
        g.drawRect(2, 1, 11, 14);
        g.setColor(NAVY_LIGHT);
        for (int y = 4; y <= 8; y += 2) {
            g.drawLine(4, y, 10, y);
        }
        g.setColor(new Color(0x2E, 0x9E, 0x4F));
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Path2D.Double() {
            {
                moveTo(6, 11.5);
                lineTo(8.5, 14);
                lineTo(14, 8.5);
            }
        });
        g.dispose();
        return image;
    }

    static BufferedImage newProject() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(new Color(0xE8, 0xB8, 0x4A));
        g.fillRect(0, 4, 13, 10);
        g.fillRect(0, 3, 6, 2);
        g.setColor(new Color(0x9A, 0x72, 0x1C));
        g.drawRect(0, 4, 13, 10);
        mark(g, 5, 5, 9, false);
        g.setColor(new Color(0xF5, 0xC2, 0x1B));
        g.fillRect(12, 0, 4, 4);
        g.setColor(new Color(0xB3, 0x86, 0x00));
        g.drawRect(12, 0, 3, 3);
        g.dispose();
        return image;
    }

    static BufferedImage natureOverlay() {
        BufferedImage image = new BufferedImage(7, 8, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(ORANGE);
        g.fill(new Ellipse2D.Double(0.5, 1.5, 5, 5));
        g.setColor(NAVY);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(new Ellipse2D.Double(0.5, 1.5, 5, 5));
        g.dispose();
        return image;
    }

    static final Color GREEN = new Color(0x2E, 0x9D, 0x3A);

    /** Run Simulation: a green play triangle. */
    static BufferedImage run() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        java.awt.geom.Path2D.Double triangle = new java.awt.geom.Path2D.Double();
        triangle.moveTo(3.5, 2);
        triangle.lineTo(13.5, 8);
        triangle.lineTo(3.5, 14);
        triangle.closePath();
        g.setColor(GREEN);
        g.fill(triangle);
        g.setColor(GREEN.darker());
        g.setStroke(new BasicStroke(1f));
        g.draw(triangle);
        g.dispose();
        return image;
    }

    /** Simulation Results: a framed plot with a rising, levelling curve. */
    static BufferedImage results() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(WHITE);
        g.fillRect(1, 1, 14, 14);
        g.setColor(NAVY_LIGHT);
        g.drawRect(1, 1, 14, 14);
        g.setColor(ORANGE);
        g.setStroke(new BasicStroke(1.6f));
        java.awt.geom.Path2D.Double curve = new java.awt.geom.Path2D.Double();
        curve.moveTo(3, 13);
        curve.curveTo(6, 6, 8, 4, 13.5, 4);
        g.draw(curve);
        g.dispose();
        return image;
    }

    /** A magnifier with a plus (in) or a minus (out). */
    static BufferedImage zoom(boolean in) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(WHITE);
        g.fill(new Ellipse2D.Double(1.5, 1.5, 9, 9));
        g.setColor(NAVY);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(new Ellipse2D.Double(1.5, 1.5, 9, 9));
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(10, 10, 14, 14));
        g.setStroke(new BasicStroke(1.3f));
        g.draw(new Line2D.Double(4, 6, 8, 6));
        if (in) {
            g.draw(new Line2D.Double(6, 4, 6, 8));
        }
        g.dispose();
        return image;
    }

    /** Fit all: corner brackets around a curve. */
    static BufferedImage fit() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(NAVY);
        g.setStroke(new BasicStroke(1.3f));
        double[][] corners = { { 1, 5, 1, 1, 5, 1 }, { 11, 1, 15, 1, 15, 5 }, { 15, 11, 15, 15, 11, 15 },
                { 5, 15, 1, 15, 1, 11 } };
        for (double[] c : corners) {
            g.draw(new Line2D.Double(c[0], c[1], c[2], c[3]));
            g.draw(new Line2D.Double(c[2], c[3], c[4], c[5]));
        }
        g.setColor(ORANGE);
        g.setStroke(new BasicStroke(1.5f));
        java.awt.geom.Path2D.Double curve = new java.awt.geom.Path2D.Double();
        curve.moveTo(4, 12);
        curve.curveTo(6, 6, 8, 5, 12, 5);
        g.draw(curve);
        g.dispose();
        return image;
    }

    /** Export CSV: a sheet with an arrow leaving it. */
    static BufferedImage export() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setColor(WHITE);
        g.fillRect(1, 1, 9, 14);
        g.setColor(NAVY_LIGHT);
        g.drawRect(1, 1, 9, 14);
        g.setStroke(new BasicStroke(1f));
        for (int y = 4; y <= 12; y += 3) {
            g.draw(new Line2D.Double(3, y, 8, y));
        }
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(7, 9, 14.5, 9));
        g.draw(new Line2D.Double(11.5, 6, 14.5, 9));
        g.draw(new Line2D.Double(11.5, 12, 14.5, 9));
        g.dispose();
        return image;
    }

    static BufferedImage about() {
        BufferedImage image = new BufferedImage(250, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, NAVY_LIGHT, 0, 200, NAVY));
        g.fillRect(0, 0, 250, 200);
        mark(g, 65, 18, 120, false);
        g.setColor(WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        center(g, "Twinstudio", 250, 168);
        g.setColor(CYAN);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        center(g, "digital twins of industrial machines", 250, 188);
        g.dispose();
        return image;
    }

    static BufferedImage splash() {
        int w = 480;
        int h = 300;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        g.setPaint(new GradientPaint(0, 0, NAVY_LIGHT, w, h, NAVY));
        g.fillRect(0, 0, w, h);
        // faint grid: the schematic the twin is drawn on
        g.setColor(new Color(255, 255, 255, 18));
        for (int x = 0; x < w; x += 20) {
            g.drawLine(x, 0, x, h);
        }
        for (int y = 0; y < h; y += 20) {
            g.drawLine(0, y, w, y);
        }
        mark(g, 28, 40, 150, false);
        g.setColor(WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        g.drawString("Twinstudio", 190, 115);
        g.setColor(CYAN);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString("Digital twins of industrial machines", 192, 145);
        g.setColor(new Color(0xC8, 0xD6, 0xE5));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("Model \u00b7 Simulate \u00b7 Connect \u00b7 Test", 192, 170);
        g.drawString("Version 0.1.0", 192, 200);
        // progress bar track (the launcher paints the bar at startupProgressRect 20,258,440,8)
        g.setColor(new Color(255, 255, 255, 40));
        g.fillRect(20, 258, 440, 8);
        g.setColor(ORANGE);
        g.fillRect(0, h - 4, w, 4);
        g.dispose();
        return image;
    }

    static void center(Graphics2D g, String text, int width, int baseline) {
        int textWidth = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (width - textWidth) / 2, baseline);
    }
}
