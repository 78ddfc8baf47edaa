package org.twinstudio.connect.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.twinstudio.connect.Credentials;
import org.twinstudio.connect.Credentials.UserPassword;

class CredentialsTest {

    @Test
    void keysMapToEnvironmentVariablesAndPasswordsNeverPrint() {
        Credentials c = Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_PLC_LINE_1_USER", "operator",
                "TWINSTUDIO_CREDENTIAL_PLC_LINE_1_PASSWORD", "s3cret"));
        UserPassword up = c.lookup("plc-line.1").orElseThrow();
        assertEquals("operator", up.user());
        assertArrayEquals("s3cret".toCharArray(), up.password());
        assertFalse(up.toString().contains("s3cret"));
        assertTrue(c.lookup("other").isEmpty());
        assertTrue(c.lookup("").isEmpty());
        assertTrue(c.lookup(null).isEmpty());
    }

    @Test
    void aUserWithoutPasswordIsNoCredential() {
        Credentials c = Credentials.fromMap(Map.of("TWINSTUDIO_CREDENTIAL_PLC_USER", "operator"));
        assertTrue(c.lookup("plc").isEmpty());
    }
}
