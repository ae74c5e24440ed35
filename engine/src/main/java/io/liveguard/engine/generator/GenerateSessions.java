package io.liveguard.engine.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;

/**
 * Writes generated sessions as NDJSON, one canonical {@link SessionCodec#write} record a
 * line, to standard output or a file. Histories are not written: they follow from the
 * sessions themselves.
 *
 * <pre>
 * ./mvnw -q -pl engine compile exec:java -Dexec.args="--count 1000 --sellers 100 --seed 42 --from 2026-11-01 --days 30"
 * </pre>
 */
public final class GenerateSessions {

	static final String USAGE = """
			Usage: GenerateSessions [options]
			Writes generated livestream sessions as NDJSON (one JSON record a line).
			  --count N           sessions to generate (default 1000)
			  --sellers N         sellers sharing them (default 100)
			  --markets A,B,...   ISO 3166 alpha-2 markets; the first gets half the sellers (default VN,TH,ID,PH,MY)
			  --from YYYY-MM-DD   first day (default 2026-11-01)
			  --days N            days the sessions span (default 30)
			  --seed N            random seed; same seed, same output (default 42)
			  --mix C,S,V         weights of clean, sloppy and violating sessions (default 70,20,10)
			  --history-days N    look-back window for FAKE_DISCOUNT set-ups (default 7)
			  --out FILE          write to FILE instead of standard output
			  --help              print this help
			""";

	private GenerateSessions() {
	}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	/**
	 * Runs the command; returns the process exit status: 0 done, 2 usage error, 1 I/O
	 * error.
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		if (options.help) {
			out.print(USAGE);
			return 0;
		}
		SessionGenerator generator = new SessionGenerator(options.settings);
		SessionCodec codec = new SessionCodec();
		try {
			Path parent = (options.out == null) ? null : options.out.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
		}
		catch (IOException ex) {
			err.println("error: cannot create the directory of " + options.out + ": " + ex.getMessage());
			return 1;
		}
		try (Writer writer = options.out == null
				? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)
				: Files.newBufferedWriter(options.out, StandardCharsets.UTF_8)) {
			Iterator<GeneratedSession> sessions = generator.iterator();
			while (sessions.hasNext()) {
				writer.write(codec.write(sessions.next().session()));
				writer.write('\n');
			}
		}
		catch (IOException | UncheckedIOException ex) {
			err.println("error: cannot write sessions: " + ex.getMessage());
			return 1;
		}
		if (options.out != null) {
			err.println("Wrote " + options.settings.count() + " sessions to " + options.out);
		}
		return 0;
	}

	private static final class Options {

		GeneratorSettings settings = GeneratorSettings.defaults();

		@Nullable Path out;

		boolean help;

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String name = args[i];
				if (name.equals("--help") || name.equals("-h")) {
					options.help = true;
					continue;
				}
				if (!name.startsWith("--")) {
					throw new IllegalArgumentException("unexpected argument '" + name + "'");
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				String value = args[++i];
				GeneratorSettings s = options.settings;
				switch (name) {
					case "--count" -> options.settings = s.withCount(number(name, value));
					case "--sellers" -> options.settings = s.withSellers(intNumber(name, value));
					case "--markets" -> options.settings = s.withMarkets(Arrays.stream(value.split(","))
						.map(String::strip)
						.map((market) -> market.toUpperCase(Locale.ROOT))
						.filter((market) -> !market.isEmpty())
						.toList());
					case "--from" -> options.settings = s.withFrom(date(name, value));
					case "--days" -> options.settings = s.withDays(intNumber(name, value));
					case "--seed" -> options.settings = s.withSeed(number(name, value));
					case "--mix" -> options.settings = s.withMix(Mix.parse(value));
					case "--history-days" -> options.settings = s.withHistoryDays(intNumber(name, value));
					case "--out" -> options.out = Path.of(value);
					default -> throw new IllegalArgumentException("unknown option " + name);
				}
			}
			return options;
		}

		private static long number(String name, String value) {
			try {
				return Long.parseLong(value.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
			}
		}

		private static int intNumber(String name, String value) {
			long number = number(name, value);
			if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(name + " is out of range: " + value);
			}
			return (int) number;
		}

		private static LocalDate date(String name, String value) {
			try {
				return LocalDate.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(name + " must be a date such as 2026-11-01, not '" + value + "'");
			}
		}

	}

}
