package io.liveguard.batch.sessionimport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens NDJSON files, plain or gzip: gzip is told by its magic bytes ({@code 1f 8b}),
 * never by the file's name.
 */
public final class NdjsonFiles {

	private static final int GZIP_MAGIC_1 = 0x1f;

	private static final int GZIP_MAGIC_2 = 0x8b;

	private NdjsonFiles() {
	}

	/**
	 * Whether the stream, which must support mark, starts with gzip's magic bytes; leaves
	 * it where it was.
	 */
	static boolean isGzip(InputStream in) throws IOException {
		in.mark(2);
		int first = in.read();
		int second = in.read();
		in.reset();
		return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
	}

	/**
	 * The file's content, decompressed when it is gzip; {@code raw} is the file's own
	 * bytes beneath.
	 */
	static InputStream open(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
		return isGzip(in) ? new GZIPInputStream(in, 64 * 1024) : in;
	}

	/**
	 * Whether the file looks like NDJSON: its (decompressed) content's first character
	 * other than white space and a byte order mark is <code>{</code>. False for an empty
	 * file, and for one that claims to be gzip and is not.
	 */
	public static boolean looksLikeNdjson(Path file) {
		try (InputStream in = open(Files.newInputStream(file))) {
			int first = in.read();
			// UTF-8 byte order mark
			if (first == 0xEF) {
				if (in.read() != 0xBB || in.read() != 0xBF) {
					return false;
				}
				first = in.read();
			}
			while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
				first = in.read();
			}
			return first == '{';
		}
		catch (IOException ex) {
			return false;
		}
	}

}
