package io.muster.correlation;

import java.util.Locale;

/** Something findings involve, by kind and value: {@code ip 198.51.100.7}, {@code domain evil.example.com} … */
public record Entity(Kind kind, String value) {

    public enum Kind {
        RESOURCE, ACCOUNT, PRINCIPAL, ACCESS_KEY, IP, DOMAIN, IMAGE, VULNERABILITY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind ofWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public static final int MAX_VALUE = 512;
}
