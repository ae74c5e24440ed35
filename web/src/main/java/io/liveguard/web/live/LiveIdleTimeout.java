package io.liveguard.web.live;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends forgotten lives (live.md): every minute, the lives that received nothing for their
 * pack's {@code live.idleTimeout} are ended as a platform would end them. The timeout
 * counts from what is stored, so it also ends lives that were open when the node stopped;
 * several nodes may sweep at once, as each live is ended under its row's lock.
 */
@Component
class LiveIdleTimeout {

	private static final Logger log = LoggerFactory.getLogger(LiveIdleTimeout.class);

	private final LiveEnforcement lives;

	private final Clock clock;

	LiveIdleTimeout(LiveEnforcement lives, Clock clock) {
		this.lives = lives;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${liveguard.live.idle-sweep:PT1M}",
			initialDelayString = "${liveguard.live.idle-sweep:PT1M}")
	void sweep() {
		int ended = this.lives.endIdle(this.clock.instant());
		if (ended > 0) {
			log.info("Ended {} idle lives", ended);
		}
	}

}
