package io.liveguard.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.facts.ContentScore;
import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.facts.FactExtractor;
import io.liveguard.engine.facts.Flag;
import io.liveguard.engine.facts.KeywordHit;
import io.liveguard.engine.facts.ListedProduct;
import io.liveguard.engine.facts.PriorSale;
import io.liveguard.engine.facts.SessionFacts;
import io.liveguard.engine.facts.SessionSummary;
import io.liveguard.engine.facts.StreamSample;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.FindingTable;
import io.liveguard.engine.rulepack.PackSettings;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.text.KeywordMatcher;

/**
 * The default policy (sections 1 and 2 of {@code policy-default.md}) as plain Java: the
 * reference the Drools pack is measured and cross-checked against. It shares everything
 * but the rules with {@link CompiledPack#score}: the same {@link FactExtractor} condenses
 * the session, every threshold comes from the same pack's settings, and the same
 * {@link FindingTable} turns the detections into a score card. Only the rule names in
 * findings differ. Thread safe.
 */
public final class HandWrittenScorer {

	private static final String RULE = "hand-written ";

	private final CompiledPack pack;

	private final FactExtractor extractor;

	private final FindingTable findings;

	private final double flagMinConfidence;

	private final double shortSessionMinMinutes;

	private final double hostAbsentMaxShare;

	private final double deadAirMaxShare;

	private final double interactionMinComments;

	private final double interactionMinAnsweredShare;

	private final double streamMinResolutionP;

	private final double streamMaxStallShare;

	private final double staticMinConfidence;

	private final double lowQualityMinContentScore;

	private final double complaintsMinReports;

	private final double complaintsMaxViewersPerReport;

	private final double fakeDiscountMinListToLiveRatio;

	public HandWrittenScorer(CompiledPack pack) {
		PackSettings settings = pack.settings();
		this.pack = pack;
		this.extractor = new FactExtractor(new KeywordMatcher(settings.keywordLists()));
		this.findings = settings.findings();
		this.flagMinConfidence = settings.num("flag.minConfidence");
		this.shortSessionMinMinutes = settings.num("quality.shortSession.minMinutes");
		this.hostAbsentMaxShare = settings.num("quality.hostAbsent.maxShare");
		this.deadAirMaxShare = settings.num("quality.deadAir.maxShare");
		this.interactionMinComments = settings.num("quality.interaction.minComments");
		this.interactionMinAnsweredShare = settings.num("quality.interaction.minAnsweredShare");
		this.streamMinResolutionP = settings.num("quality.stream.minResolutionP");
		this.streamMaxStallShare = settings.num("quality.stream.maxStallShare");
		this.staticMinConfidence = settings.num("quality.staticOrPrerecorded.minConfidence");
		this.lowQualityMinContentScore = settings.num("violation.lowQuality.minContentScore");
		this.complaintsMinReports = settings.num("violation.complaints.minReports");
		this.complaintsMaxViewersPerReport = settings.num("violation.complaints.maxViewersPerReport");
		this.fakeDiscountMinListToLiveRatio = settings.num("violation.fakeDiscount.minListToLiveRatio");
	}

	/** Scores one session as {@link CompiledPack#score} does. */
	public ScoreCard score(LiveSession session, SellerHistory history, Instant scoredAt) {
		List<Detection> detections = detect(extract(session, history));
		FindingTable.Decision decision = this.findings.decide(detections);
		return new ScoreCard(session.sessionId(), session.sellerId(), session.market(), this.pack.businessDate(session),
				this.pack.ref(), decision.contentScore(), decision.violationPoints(), decision.findings(), scoredAt);
	}

	/** The compact facts of a session, as the pack's own extractor makes them. */
	public SessionFacts extract(LiveSession session, SellerHistory history) {
		return this.extractor.extract(session, history);
	}

	/** What the default policy detects in a session's facts. */
	public List<Detection> detect(SessionFacts facts) {
		List<Detection> detections = new ArrayList<>();
		detectQuality(facts, detections);
		int contentScore = this.findings.contentScore(detections);
		SessionSummary summary = facts.summary();
		if (contentScore < this.lowQualityMinContentScore) {
			detections.add(new Detection("LOW_QUALITY_SESSION", RULE + "LOW_QUALITY_SESSION",
					new ContentScore(contentScore, summary.getEndedAt()).getEvidence()));
		}
		detectConduct(facts, detections);
		detectProducts(facts, detections);
		return detections;
	}

	private void detectQuality(SessionFacts facts, List<Detection> detections) {
		SessionSummary summary = facts.summary();
		if (summary.getDurationMinutes() < this.shortSessionMinMinutes) {
			detections.add(new Detection("SHORT_SESSION", RULE + "SHORT_SESSION", summary.getSpanEvidence()));
		}
		if (summary.getHostAbsentShare() > this.hostAbsentMaxShare) {
			detections.add(new Detection("HOST_ABSENT", RULE + "HOST_ABSENT", summary.getHostAbsentEvidence()));
		}
		if (summary.getDeadAirShare() > this.deadAirMaxShare) {
			detections.add(new Detection("DEAD_AIR", RULE + "DEAD_AIR", summary.getDeadAirEvidence()));
		}
		if (summary.getComments() >= this.interactionMinComments
				&& summary.getAnsweredShare() < this.interactionMinAnsweredShare) {
			detections.add(new Detection("LOW_INTERACTION", RULE + "LOW_INTERACTION", summary.getCommentsEvidence()));
		}
		for (ListedProduct product : facts.products()) {
			if (!product.isShown()) {
				detections.add(new Detection("PRODUCT_NOT_SHOWN", product.getSku(), RULE + "PRODUCT_NOT_SHOWN",
						List.of(product.getEvidence())));
			}
		}
		for (StreamSample sample : summary.getStreamSamples()) {
			if (sample.getResolutionP() < this.streamMinResolutionP) {
				detections.add(new Detection("POOR_STREAM", RULE + "POOR_STREAM resolution", sample.getEvidence()));
			}
		}
		if (summary.getStallShare() > this.streamMaxStallShare) {
			detections.add(new Detection("POOR_STREAM", RULE + "POOR_STREAM buffering", summary.getStallEvidence()));
		}
		for (Flag flag : facts.flags()) {
			if (isNoLiveHost(flag.getCode()) && flag.getConfidence() >= this.staticMinConfidence) {
				detections
					.add(new Detection("STATIC_OR_PRERECORDED", RULE + "STATIC_OR_PRERECORDED", flag.getEvidence()));
			}
		}
		if (summary.getProductsShown() > 0) {
			for (KeywordHit origin : facts.keywordHits()) {
				if (!origin.getList().equals("origin-cues")) {
					continue;
				}
				for (KeywordHit detail : facts.keywordHits()) {
					if (detail.getList().equals("ingredient-cues") || detail.getList().equals("expiry-cues")) {
						detections
							.add(new Detection("TRANSPARENT_INFO", RULE + "TRANSPARENT_INFO", origin.getEvidence(),
									List.of(detail.getEvidence(), summary.getProductShownEvidence().get(0))));
					}
				}
			}
		}
	}

	private void detectConduct(SessionFacts facts, List<Detection> detections) {
		SessionSummary summary = facts.summary();
		for (Flag flag : facts.flags()) {
			if (flag.getConfidence() < this.flagMinConfidence) {
				continue;
			}
			String code = switch (flag.getCode()) {
				case VULGAR_LANGUAGE, INDECENT_ATTIRE -> "VULGAR_CONTENT";
				case STATIC_IMAGE, PRERECORDED_CONTENT -> "NO_LIVE_HOST";
				case OFF_PLATFORM_REDIRECT -> "OFF_PLATFORM_REDIRECT";
				case MISLEADING_CLAIM -> "MISLEADING_HEALTH_CLAIM";
				case FAKE_ENGAGEMENT -> "FAKE_ENGAGEMENT";
				case DANGEROUS_ACT -> "DANGEROUS_ACT";
				case MINOR_ALONE -> "MINOR_ALONE";
				case COUNTERFEIT -> "PROHIBITED_PRODUCT";
			};
			detections.add(new Detection(code, RULE + code + " flag", flag.getEvidence()));
		}
		boolean drugShown = false;
		for (ListedProduct product : facts.products()) {
			drugShown |= product.getCategory() == ProductCategory.DRUG && product.isShown();
		}
		for (KeywordHit hit : facts.keywordHits()) {
			if (hit.getList().equals("off-platform")) {
				detections.add(new Detection("OFF_PLATFORM_REDIRECT", RULE + "OFF_PLATFORM_REDIRECT transcript",
						hit.getEvidence()));
			}
			else if (hit.getList().equals("cure-claims") && !drugShown) {
				detections.add(new Detection("MISLEADING_HEALTH_CLAIM", RULE + "MISLEADING_HEALTH_CLAIM transcript",
						hit.getEvidence()));
			}
		}
		if (!summary.isHostVerified()) {
			detections.add(new Detection("UNVERIFIED_HOST", RULE + "UNVERIFIED_HOST", summary.getHostEvidence()));
		}
		if (summary.getViewerReports() >= this.complaintsMinReports
				&& summary.getViewerReports() * this.complaintsMaxViewersPerReport >= summary.getPeakViewers()) {
			detections.add(new Detection("VIEWER_COMPLAINTS", RULE + "VIEWER_COMPLAINTS", summary.getReportsEvidence(),
					summary.getViewerReportEvidence()));
		}
	}

	private void detectProducts(SessionFacts facts, List<Detection> detections) {
		for (ListedProduct product : facts.products()) {
			ProductCategory category = product.getCategory();
			if (category != ProductCategory.GENERAL && category != ProductCategory.PROHIBITED
					&& product.getAdConfirmationId() == null) {
				detections.add(new Detection("MISSING_AD_CONFIRMATION", RULE + "MISSING_AD_CONFIRMATION",
						product.getEvidence()));
			}
			String verified = product.getVerifiedOrigin();
			String declared = product.getDeclaredOrigin();
			if (verified != null && declared != null && !verified.equalsIgnoreCase(declared)) {
				detections.add(new Detection("FALSE_ORIGIN", RULE + "FALSE_ORIGIN", product.getEvidence()));
			}
			if (category == ProductCategory.PROHIBITED) {
				detections.add(new Detection("PROHIBITED_PRODUCT", RULE + "PROHIBITED_PRODUCT", product.getEvidence()));
			}
			if (product.getListPrice() > product.getLivePrice() * this.fakeDiscountMinListToLiveRatio) {
				for (PriorSale sale : product.getPriorSales()) {
					if (sale.getPrice() <= product.getLivePrice()) {
						detections.add(new Detection("FAKE_DISCOUNT", RULE + "FAKE_DISCOUNT", product.getEvidence(),
								sale.getEvidence()));
					}
				}
			}
		}
	}

	private static boolean isNoLiveHost(ModerationCode code) {
		return code == ModerationCode.STATIC_IMAGE || code == ModerationCode.PRERECORDED_CONTENT;
	}

}
