package io.liveguard.rules;

import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.session.ModerationCode;
import org.junit.jupiter.api.Test;

import static io.liveguard.rules.LiveScript.*;

class LiveSmokeTests {

	@Test
	void smoke() {
		LiveScript script = live();
		System.out.println(script.check());
		try (LiveDecider live = script.open()) {
			System.out.println(script.send(live, shown(min(1), SKU), flag(min(2), ModerationCode.VULGAR_LANGUAGE)));
			System.out.println(script.send(live, say(min(3), "ib zalo cho shop nhe")));
			System.out.println(script.send(live, say(min(9), "ib zalo cho shop nhe")));
			System.out.println(script.send(live, flag(min(10), ModerationCode.DANGEROUS_ACT)));
			System.out.println(live.factCount());
		}
	}

}
