package io.liveguard.engine.session;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fuzzing the session codec (issue 12): thousands of malformed records, each either refused with
 * {@link InvalidSessionException} naming its problems, or read into a session that follows the format
 * and can be written back. Nothing else escapes: no other exception, no record that is stored and then
 * cannot be read or shown.
 */
class SessionCodecFuzzTests {

	private static final SessionCodec codec = new SessionCodec();

	@Property(tries = 1500)
	void aMutatedRecordIsRefusedWithReasonsOrFollowsTheFormat(@ForAll("malformed") String json) {
		assertRefusedOrValid(json);
	}

	@Property(tries = 500)
	void arbitraryTextIsRefusedWithReasons(@ForAll("text") String text) {
		assertRefusedOrValid(text);
	}

	@Provide
	Arbitrary<String> malformed() {
		return MalformedRecords.records();
	}

	@Provide
	Arbitrary<String> text() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
				Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+tfnul\\ ").ofMaxLength(200));
	}

	private static void assertRefusedOrValid(String json) {
		Throwable thrown = catchThrowable(() -> {
			LiveSession session = codec.read(json);
			assertFollowsTheFormat(session);
		});
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(InvalidSessionException.class);
			InvalidSessionException invalid = (InvalidSessionException) thrown;
			assertThat(invalid.errors()).isNotEmpty()
				.allSatisfy((error) -> assertThat(error.message()).isNotBlank().hasSizeLessThan(1000));
			// the reasons are answered to the caller: they must be writable as JSON
			assertThat(StrictJson.loneSurrogate(invalid.getMessage())).isEqualTo(-1);
		}
	}

	private static void assertFollowsTheFormat(LiveSession session) {
		assertThat(Ids.isValid(session.sessionId())).isTrue();
		assertThat(Ids.isValid(session.sellerId())).isTrue();
		assertThat(session.startedAt()).isBetween(LiveSession.EARLIEST, LiveSession.LATEST);
		assertThat(session.endedAt()).isBetween(LiveSession.EARLIEST, LiveSession.LATEST);
		String written = codec.write(session);
		assertThat(StrictJson.loneSurrogate(written)).isEqualTo(-1);
		assertThat(codec.read(written)).isEqualTo(session);
		assertThat(session.signals()).allSatisfy((signal) -> assertThat(signal.at()).isBetween(session.startedAt(),
				session.endedAt()));
		assertThat(Instant.parse(session.startedAt().toString())).isEqualTo(session.startedAt());
	}

}
