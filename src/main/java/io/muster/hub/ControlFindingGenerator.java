package io.muster.hub;

/**
 * Security Hub's ControlFindingGenerator: one finding per control check across all enabled standards
 * (SECURITY_CONTROL, consolidated control findings, the default for accounts enabled since February 2023) or one
 * per standard (STANDARD_CONTROL). Muster records the setting; its control findings come from the producers.
 */
public enum ControlFindingGenerator {
    STANDARD_CONTROL, SECURITY_CONTROL
}
