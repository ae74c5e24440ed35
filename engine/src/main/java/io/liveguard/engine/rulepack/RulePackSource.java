package io.liveguard.engine.rulepack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The files of one version of a rule pack, not yet compiled.
 *
 * @param id the pack id, such as {@code default} or {@code vn}
 * @param version the version number, from 1
 * @param files every file of the pack
 */
public record RulePackSource(String id, int version, List<PackFile> files) {

	/** Lists the files of a pack shipped on the classpath, one path a line. */
	public static final String INDEX = "pack.files";

	public RulePackSource {
		files = List.copyOf(files);
	}

	/**
	 * The files' fingerprint, what an admin approves when publishing: {@code sha256:} and
	 * the hex SHA-256 of every file, sorted by path, each as its path's and its content's
	 * UTF-8 length and bytes (so no two different sets of files give the same input).
	 */
	public String contentHash() {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
		for (PackFile file : this.files.stream().sorted(Comparator.comparing(PackFile::path)).toList()) {
			for (String part : List.of(file.path(), file.content())) {
				byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
				digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
				digest.update(bytes);
			}
		}
		return "sha256:" + HexFormat.of().formatHex(digest.digest());
	}

	public Optional<PackFile> file(String path) {
		return this.files.stream().filter((file) -> file.path().equals(path)).findFirst();
	}

	/**
	 * Loads the pack shipped under {@code packs/<id>/} on the classpath; its
	 * {@value #INDEX} names the files.
	 */
	public static RulePackSource fromClasspath(String id, int version, ClassLoader classLoader) {
		String root = "packs/" + id + "/";
		String index = read(classLoader, root + INDEX).orElseThrow(() -> new IllegalArgumentException(
				"No rule pack '" + id + "' on the classpath (missing " + root + INDEX + ")"));
		List<PackFile> files = new ArrayList<>();
		for (String line : index.split("\\R")) {
			String path = line.strip();
			if (path.isEmpty() || path.startsWith("#")) {
				continue;
			}
			String content = read(classLoader, root + path).orElseThrow(
					() -> new IllegalArgumentException("Rule pack '" + id + "' lists " + path + " but it is missing"));
			files.add(new PackFile(path, content));
		}
		return new RulePackSource(id, version, files);
	}

	private static Optional<String> read(ClassLoader classLoader, String resource) {
		try (InputStream in = classLoader.getResourceAsStream(resource)) {
			return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
