package org.twinstudio.fmi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unix file modes recorded in a zip's central directory (java.util.zip does not expose them). Entries made on
 * Unix ("version made by" host 3) carry the mode in the upper 16 bits of the external attributes; a symbolic link
 * has the S_IFLNK type bits there.
 */
final class UnixModes {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int UNIX_HOST = 3;

    private UnixModes() {
    }

    /**
     * Entry name → mode for entries made on Unix. An archive whose central directory cannot be read is refused
     * (IOException) rather than unpacked unchecked; one without an end record is left to java.util.zip to reject.
     */
    static Map<String, Integer> read(Path zip) throws IOException {
        Map<String, Integer> modes = new HashMap<>();
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 65535);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, size - tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == END_SIGNATURE) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return modes;
            }
            long dirSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
            long dirOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
            if ((dirOffset == 0xFFFFFFFFL || dirSize == 0xFFFFFFFFL) && eocd >= 20
                    && end.getInt(eocd - 20) == ZIP64_LOCATOR_SIGNATURE) {
                // Zip64: the locator before the end record points at the zip64 end record with 64-bit fields.
                long zip64End = end.getLong(eocd - 20 + 8);
                ByteBuffer z = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
                ch.read(z, zip64End);
                if (z.getInt(0) != ZIP64_END_SIGNATURE) {
                    throw new IOException("damaged zip64 end of central directory");
                }
                dirSize = z.getLong(40);
                dirOffset = z.getLong(48);
            }
            if (dirSize > Integer.MAX_VALUE || dirOffset < 0 || dirOffset + dirSize > size) {
                throw new IOException("the central directory lies outside the file");
            }
            ByteBuffer dir = ByteBuffer.allocate((int) dirSize).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(dir, dirOffset);
            int p = 0;
            while (p + 46 <= dirSize && dir.getInt(p) == CENTRAL_SIGNATURE) {
                int host = (dir.getShort(p + 4) >> 8) & 0xFF;
                int nameLength = Short.toUnsignedInt(dir.getShort(p + 28));
                int extraLength = Short.toUnsignedInt(dir.getShort(p + 30));
                int commentLength = Short.toUnsignedInt(dir.getShort(p + 32));
                int external = dir.getInt(p + 38);
                if (p + 46 + nameLength > dirSize) {
                    break;
                }
                byte[] name = new byte[nameLength];
                dir.get(p + 46, name);
                if (host == UNIX_HOST) {
                    modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 0xFFFF);
                }
                p += 46 + nameLength + extraLength + commentLength;
            }
        }
        return modes;
    }
}
