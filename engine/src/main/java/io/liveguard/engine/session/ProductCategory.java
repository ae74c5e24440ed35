package io.liveguard.engine.session;

/**
 * Regulatory category of a product; every category but GENERAL and PROHIBITED is
 * regulated.
 */
public enum ProductCategory {

	GENERAL, FUNCTIONAL_FOOD, COSMETICS, MEDICAL_DEVICE, DRUG, INFANT_FORMULA, ALCOHOL,
	/** The platform's own catalogue says the item is banned. */
	PROHIBITED

}
