import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Draws the 16x16 icons of the built-in component types.
 * Run: java releng/tools/TypeIcons.java bundles/org.twinstudio.model/icons/types
 */
public class TypeIcons {
    static final Color STEEL = new Color(0x45, 0x5A, 0x64), WATER = new Color(0x29, 0x79, 0xC9), HEAT = new Color(0xD8, 0x43, 0x15),
            OK = new Color(0x2E, 0x7D, 0x32), SIGNAL = new Color(0x6A, 0x1B, 0x9A);

    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        dir.mkdirs();
        draw(dir, "heater", g -> {
            g.setColor(HEAT);
            Path2D p = new Path2D.Double();
            p.moveTo(2, 8);
            for (int i = 0; i < 6; i++) p.lineTo(3.5 + i * 2, i % 2 == 0 ? 3 : 13);
            p.lineTo(14, 8);
            g.draw(p);
        });
        draw(dir, "tank", g -> {
            g.setColor(WATER);
            g.fill(new RoundRectangle2D.Double(3, 7, 10, 7, 3, 3));
            g.setColor(STEEL);
            g.draw(new RoundRectangle2D.Double(3, 2, 10, 12, 3, 3));
        });
        draw(dir, "valve", g -> {
            Path2D p = new Path2D.Double();
            p.moveTo(1.5, 4); p.lineTo(14.5, 12); p.lineTo(14.5, 4); p.lineTo(1.5, 12); p.closePath();
            g.setColor(WATER); g.fill(p); g.setColor(STEEL); g.draw(p);
        });
        draw(dir, "pump", g -> {
            g.setColor(STEEL); g.draw(new Ellipse2D.Double(2, 2, 12, 12));
            Path2D p = new Path2D.Double(); p.moveTo(5.5, 4.5); p.lineTo(12.5, 8); p.lineTo(5.5, 11.5); p.closePath();
            g.setColor(WATER); g.fill(p);
        });
        draw(dir, "motor", g -> letterInCircle(g, "M", STEEL));
        draw(dir, "temperatureSensor", g -> {
            g.setColor(STEEL); g.draw(new RoundRectangle2D.Double(6, 1.5, 4, 10, 4, 4));
            g.setColor(HEAT); g.fill(new Ellipse2D.Double(4.5, 9.5, 7, 6)); g.fillRect(7, 5, 2, 6);
        });
        draw(dir, "levelSensor", g -> {
            g.setColor(STEEL); g.drawLine(8, 1, 8, 15);
            g.setColor(WATER); g.fillRect(2, 9, 12, 5);
            g.setColor(OK); Path2D p = new Path2D.Double(); p.moveTo(4, 6); p.lineTo(12, 6); p.lineTo(8, 9); p.closePath(); g.fill(p);
        });
        draw(dir, "pressureSensor", g -> {
            g.setColor(STEEL); g.draw(new Ellipse2D.Double(2, 2, 12, 12));
            g.setColor(HEAT); g.drawLine(8, 8, 12, 5);
            g.setColor(STEEL); g.fill(new Ellipse2D.Double(6.5, 6.5, 3, 3));
        });
        draw(dir, "pid", g -> {
            g.setColor(SIGNAL); g.draw(new RoundRectangle2D.Double(1.5, 3.5, 13, 9, 2, 2));
            Path2D p = new Path2D.Double(); p.moveTo(3, 11); p.lineTo(6, 11); p.curveTo(8, 5, 9, 5, 13, 5);
            g.setColor(OK); g.draw(p);
        });
        draw(dir, "constant", g -> { g.setColor(SIGNAL); g.drawLine(2, 8, 14, 8); });
        draw(dir, "stepSignal", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(2, 12); p.lineTo(8, 12); p.lineTo(8, 4); p.lineTo(14, 4); g.draw(p); });
        draw(dir, "ramp", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(2, 12); p.lineTo(6, 12); p.lineTo(14, 4); g.draw(p); });
        draw(dir, "sine", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(2, 8); p.curveTo(5, 0, 6, 0, 8, 8); p.curveTo(10, 16, 11, 16, 14, 8); g.draw(p); });
        draw(dir, "gain", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(3, 2.5); p.lineTo(13.5, 8); p.lineTo(3, 13.5); p.closePath(); g.draw(p); });
        draw(dir, "sum", g -> { g.setColor(SIGNAL); g.draw(new Ellipse2D.Double(2, 2, 12, 12)); g.drawLine(8, 5, 8, 11); g.drawLine(5, 8, 11, 8); });
        draw(dir, "limiter", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(2, 13); p.lineTo(5, 13); p.lineTo(11, 3); p.lineTo(14, 3); g.draw(p); });
        draw(dir, "lag", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(2, 13); p.curveTo(5, 4, 8, 3, 14, 3); g.draw(p); });
        draw(dir, "integrator", g -> { g.setColor(SIGNAL); Path2D p = new Path2D.Double(); p.moveTo(10, 2.5); p.curveTo(7, 2, 8, 6, 8, 8); p.curveTo(8, 10, 9, 14, 6, 13.5); g.draw(p); });
        draw(dir, "thermostat", g -> { g.setColor(HEAT); Path2D p = new Path2D.Double(); p.moveTo(2, 12); p.lineTo(9, 12); p.lineTo(9, 4); p.lineTo(14, 4); g.draw(p); g.setColor(STEEL); g.drawLine(7, 4, 7, 12); });
        draw(dir, "flowSensor", g -> {
            g.setColor(STEEL); g.draw(new Ellipse2D.Double(2, 2, 12, 12));
            g.setColor(WATER); g.drawLine(4, 8, 12, 8); g.drawLine(9, 5, 12, 8); g.drawLine(9, 11, 12, 8);
        });
        draw(dir, "controlValve", g -> {
            Path2D p = new Path2D.Double();
            p.moveTo(1.5, 7); p.lineTo(14.5, 15); p.lineTo(14.5, 7); p.lineTo(1.5, 15); p.closePath();
            g.setColor(WATER); g.fill(p); g.setColor(STEEL); g.draw(p);
            g.drawLine(8, 11, 8, 4); g.draw(new Path2D.Double(new java.awt.geom.Arc2D.Double(4, 1, 8, 6, 0, 180, java.awt.geom.Arc2D.CHORD)));
        });
        draw(dir, "centrifugalPump", g -> {
            // volute with a tangential discharge and the impeller
            g.setColor(WATER); g.fill(new Ellipse2D.Double(2, 4, 10, 10));
            g.setColor(STEEL); g.draw(new Ellipse2D.Double(2, 4, 10, 10));
            Path2D p = new Path2D.Double(); p.moveTo(7, 4); p.lineTo(14.5, 4); p.lineTo(14.5, 7.5);
            g.draw(p);
            g.setColor(Color.WHITE); g.fill(new Ellipse2D.Double(5.5, 7.5, 3, 3));
        });
        draw(dir, "dcMotor", g -> letterInCircle(g, "D", STEEL));
        draw(dir, "conveyor", g -> {
            g.setColor(STEEL); g.draw(new RoundRectangle2D.Double(1.5, 9.5, 13, 4, 4, 4));
            g.setColor(OK); g.fillRect(4, 5, 3, 4); g.fillRect(9, 5, 3, 4);
        });
        draw(dir, "table", g -> {
            g.setColor(SIGNAL); g.draw(new RoundRectangle2D.Double(1.5, 2.5, 13, 11, 2, 2));
            g.drawLine(2, 6, 14, 6); g.drawLine(6, 3, 6, 13); g.drawLine(2, 10, 14, 10);
        });
        draw(dir, "fmu", g -> {
            g.setColor(STEEL); g.draw(new RoundRectangle2D.Double(1.5, 1.5, 13, 13, 3, 3));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 5)); g.setColor(SIGNAL); g.drawString("FMU", 2.2f, 10f);
        });
    }

    static void letterInCircle(Graphics2D g, String letter, Color c) {
        g.setColor(c); g.draw(new Ellipse2D.Double(1.5, 1.5, 13, 13));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 9)); g.drawString(letter, 4f, 11.5f);
    }

    static void draw(File dir, String name, Consumer<Graphics2D> painter) throws Exception {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        painter.accept(g);
        g.dispose();
        ImageIO.write(img, "png", new File(dir, name + ".png"));
    }
}
