package io.liveguard.engine.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import io.liveguard.engine.session.ProductCategory;
import org.jspecify.annotations.Nullable;

/** The kinds of shops, what they sell and where it comes from: the generator's world. */
final class Catalogue {

	private Catalogue() {
	}

	/**
	 * A kind of product a shop of some kind lists; prices in VND before the market's
	 * conversion.
	 */
	record Template(String slug, String vi, String en, ProductCategory category, long minPrice, long maxPrice,
			List<String> origins) {
	}

	/** A kind of shop, with how common it is among sellers. */
	enum ShopKind {

		FASHION(20,
				List.of(general("ao-thun", "áo thun cotton", "cotton T-shirt", 79_000, 250_000, "VN", "CN"),
						general("vay-hoa", "váy hoa", "floral dress", 150_000, 490_000, "VN", "CN"),
						general("giay-sneaker", "giày sneaker", "sneakers", 290_000, 1_200_000, "VN", "CN"),
						general("tui-xach", "túi xách da", "leather handbag", 350_000, 2_500_000, "VN", "IT"),
						general("non-bucket", "nón bucket", "bucket hat", 59_000, 150_000, "VN", "CN"))),

		BEAUTY(20, List.of(
				item("serum-vitc", "serum vitamin C", "vitamin C serum", ProductCategory.COSMETICS, 190_000, 900_000,
						"KR", "FR", "US"),
				item("kem-chong-nang", "kem chống nắng", "sunscreen", ProductCategory.COSMETICS, 150_000, 600_000, "JP",
						"KR"),
				item("son-li", "son môi lì", "matte lipstick", ProductCategory.COSMETICS, 99_000, 450_000, "FR", "KR"),
				item("mat-na", "mặt nạ dưỡng da", "sheet mask", ProductCategory.COSMETICS, 15_000, 60_000, "KR"),
				item("sua-rua-mat", "sữa rửa mặt", "facial cleanser", ProductCategory.COSMETICS, 89_000, 350_000, "JP",
						"VN"))),

		HEALTH_FOOD(15, List.of(
				item("keo-rau-cu", "kẹo rau củ", "vegetable gummies", ProductCategory.FUNCTIONAL_FOOD, 120_000, 350_000,
						"VN", "AU"),
				item("collagen", "collagen dạng nước", "liquid collagen", ProductCategory.FUNCTIONAL_FOOD, 390_000,
						1_500_000, "JP"),
				item("tra-thao-moc", "trà thảo mộc", "herbal tea", ProductCategory.FUNCTIONAL_FOOD, 90_000, 300_000,
						"VN", "CN"),
				item("dau-ca", "viên dầu cá", "fish oil capsules", ProductCategory.FUNCTIONAL_FOOD, 250_000, 800_000,
						"AU", "US"),
				general("mat-ong", "mật ong rừng", "wild honey", 150_000, 450_000, "VN"))),

		PHARMACY(8,
				List.of(item("thuoc-cam", "thuốc cảm cúm", "cold and flu tablets", ProductCategory.DRUG, 35_000,
						120_000, "VN", "FR"),
						item("may-do-huyet-ap", "máy đo huyết áp", "blood pressure monitor",
								ProductCategory.MEDICAL_DEVICE, 590_000, 1_800_000, "JP", "DE"),
						item("nhiet-ke", "nhiệt kế điện tử", "digital thermometer", ProductCategory.MEDICAL_DEVICE,
								89_000, 350_000, "DE", "CN"),
						item("khau-trang", "khẩu trang y tế", "medical masks", ProductCategory.MEDICAL_DEVICE, 30_000,
								90_000, "VN"),
						item("vien-sui-vitc", "viên sủi vitamin C", "vitamin C tablets",
								ProductCategory.FUNCTIONAL_FOOD, 45_000, 150_000, "DE"))),

		BABY(10, List.of(
				item("sua-cong-thuc", "sữa công thức", "infant formula", ProductCategory.INFANT_FORMULA, 390_000,
						950_000, "NZ", "AU", "JP"),
				general("ta-giay", "tã giấy", "diapers", 180_000, 450_000, "JP"),
				general("binh-sua", "bình sữa", "baby bottle", 120_000, 400_000, "JP", "KR"),
				general("xe-day", "xe đẩy em bé", "baby stroller", 1_200_000, 5_000_000, "CN"))),

		GROCERY(12,
				List.of(general("gao-st25", "gạo ST25", "ST25 rice", 150_000, 320_000, "VN"),
						general("ca-phe", "cà phê rang xay", "ground coffee", 90_000, 300_000, "VN"),
						general("hat-dieu", "hạt điều rang muối", "roasted cashews", 120_000, 350_000, "VN"),
						general("nuoc-mam", "nước mắm", "fish sauce", 45_000, 150_000, "VN"))),

		WINE(5, List.of(
				item("ruou-vang", "rượu vang đỏ", "red wine", ProductCategory.ALCOHOL, 250_000, 2_000_000, "FR", "IT",
						"AU"),
				item("bia-thu-cong", "bia thủ công", "craft beer", ProductCategory.ALCOHOL, 35_000, 120_000, "DE",
						"BE"),
				item("whisky", "rượu whisky", "whisky", ProductCategory.ALCOHOL, 600_000, 3_000_000, "GB"))),

		ELECTRONICS(10,
				List.of(general("tai-nghe", "tai nghe bluetooth", "bluetooth earbuds", 150_000, 1_500_000, "CN"),
						general("sac-du-phong", "sạc dự phòng", "power bank", 190_000, 700_000, "CN"),
						general("quat-mini", "quạt mini", "mini fan", 79_000, 250_000, "CN"),
						general("op-lung", "ốp lưng điện thoại", "phone case", 29_000, 150_000, "CN", "VN")));

		final int weight;

		final List<Template> templates;

		ShopKind(int weight, List<Template> templates) {
			this.weight = weight;
			this.templates = templates;
		}

		static ShopKind pick(SplittableRandom rng) {
			int total = 0;
			for (ShopKind kind : values()) {
				total += kind.weight;
			}
			int at = rng.nextInt(total);
			for (ShopKind kind : values()) {
				at -= kind.weight;
				if (at < 0) {
					return kind;
				}
			}
			throw new IllegalStateException("weights changed while picking");
		}

	}

	/** Products the platform's catalogue bans, listed only by violating sessions. */
	static final List<Template> PROHIBITED = List.of(
			item("vape-pod", "thuốc lá điện tử", "vape pods", ProductCategory.PROHIBITED, 150_000, 450_000, "CN"),
			item("vien-giam-can", "viên giảm cân không nhãn", "unlabelled slimming pills", ProductCategory.PROHIBITED,
					200_000, 600_000, "CN"),
			item("sung-hoi", "súng hơi mini", "mini air gun", ProductCategory.PROHIBITED, 500_000, 1_500_000, "CN"));

	/**
	 * A regulated product any shop may add, for sessions that advertise one without
	 * confirmation.
	 */
	static final Template REGULATED_EXTRA = item("vien-uong-trang-da", "viên uống trắng da", "skin whitening pills",
			ProductCategory.FUNCTIONAL_FOOD, 250_000, 900_000, "JP", "KR");

	/** Country names as hosts say them. */
	static final Map<String, String[]> ORIGIN_NAMES = Map.ofEntries(Map.entry("VN", names("Việt Nam", "Vietnam")),
			Map.entry("CN", names("Trung Quốc", "China")), Map.entry("KR", names("Hàn Quốc", "Korea")),
			Map.entry("JP", names("Nhật Bản", "Japan")), Map.entry("FR", names("Pháp", "France")),
			Map.entry("US", names("Mỹ", "the USA")), Map.entry("AU", names("Úc", "Australia")),
			Map.entry("DE", names("Đức", "Germany")), Map.entry("NZ", names("New Zealand", "New Zealand")),
			Map.entry("IT", names("Ý", "Italy")), Map.entry("BE", names("Bỉ", "Belgium")),
			Map.entry("GB", names("Anh", "the UK")), Map.entry("TH", names("Thái Lan", "Thailand")));

	/** One product of one seller, with a stable sku and price. */
	record Item(Template template, String sku, long basePrice, String declaredOrigin, @Nullable String verifiedOrigin,
			@Nullable String adConfirmationId) {

		ProductCategory category() {
			return this.template.category();
		}

	}

	/**
	 * A seller: its market, shop kind, hosts and catalogue; derived from the seed and its
	 * index alone.
	 */
	record Seller(int index, String id, String market, ShopKind kind, List<String> hosts, List<Item> items) {

		static Seller create(long seed, int index, List<String> markets) {
			SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
			String market = (markets.size() == 1 || rng.nextBoolean()) ? markets.get(0)
					: markets.get(1 + rng.nextInt(markets.size() - 1));
			ShopKind kind = ShopKind.pick(rng);
			List<String> hosts = new ArrayList<>();
			int hostCount = 1 + rng.nextInt(3);
			for (int h = 0; h < hostCount; h++) {
				hosts.add(rng.nextInt(5) == 0 ? String.format(Locale.ROOT, "kol-%04d", rng.nextInt(10_000))
						: String.format(Locale.ROOT, "host-%05d-%d", index, h + 1));
			}
			List<Item> items = new ArrayList<>();
			int itemCount = 6 + rng.nextInt(11);
			for (int i = 0; i < itemCount; i++) {
				Template template = kind.templates.get(rng.nextInt(kind.templates.size()));
				items.add(item(rng, template, template.slug() + "-" + (i + 1)));
			}
			return new Seller(index, String.format(Locale.ROOT, "shop-%05d", index), market, kind, List.copyOf(hosts),
					List.copyOf(items));
		}

		static Item item(SplittableRandom rng, Template template, String sku) {
			long base = template.minPrice() + rng.nextLong(template.maxPrice() - template.minPrice() + 1);
			String origin = template.origins().get(rng.nextInt(template.origins().size()));
			String verified = rng.nextInt(10) < 6 ? origin : null;
			String confirmation = isRegulated(template.category())
					? String.format(Locale.ROOT, "QC-%02d-%05d", 24 + rng.nextInt(3), rng.nextInt(100_000)) : null;
			return new Item(template, sku, base, origin, verified, confirmation);
		}

	}

	static boolean isRegulated(ProductCategory category) {
		return category != ProductCategory.GENERAL && category != ProductCategory.PROHIBITED;
	}

	/**
	 * Prices in the market's minor currency unit: factor from VND, and the step prices
	 * are rounded to.
	 */
	static long price(String market, double vnd) {
		double factor;
		long step;
		switch (market) {
			case "VN" -> {
				factor = 1;
				step = 1_000;
			}
			case "ID" -> {
				factor = 0.62;
				step = 500;
			}
			case "TH" -> {
				factor = 0.14;
				step = 100;
			}
			case "PH" -> {
				factor = 0.23;
				step = 100;
			}
			case "MY" -> {
				factor = 0.018;
				step = 10;
			}
			default -> {
				factor = 0.005;
				step = 1;
			}
		}
		return Math.max(step, Math.round(vnd * factor / step) * step);
	}

	/** The rounding step of prices in a market. */
	static long priceStep(String market) {
		return price(market, 0);
	}

	private static Template general(String slug, String vi, String en, long min, long max, String... origins) {
		return new Template(slug, vi, en, ProductCategory.GENERAL, min, max, List.of(origins));
	}

	private static Template item(String slug, String vi, String en, ProductCategory category, long min, long max,
			String... origins) {
		return new Template(slug, vi, en, category, min, max, List.of(origins));
	}

	private static String[] names(String vi, String en) {
		return new String[] { vi, en };
	}

}
