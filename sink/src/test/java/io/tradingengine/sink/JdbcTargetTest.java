package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcTargetTest {

    @Test
    void shouldSplitAPostgresqlUrlIntoJdbcUrlUserAndPassword() {
        JdbcTarget target = JdbcTarget.parse("postgresql://alice:secret@db.example.com:5432/trading");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/trading");
        assertThat(target.user()).isEqualTo("alice");
        assertThat(target.password()).isEqualTo("secret");
    }

    @Test
    void shouldKeepQueryParametersAsCockroachDbPrintsThem() {
        JdbcTarget target = JdbcTarget.parse(
                "postgresql://root@localhost:26257/defaultdb?sslmode=verify-full&sslrootcert=certs%2Fca.crt");

        assertThat(target.jdbcUrl()).isEqualTo(
                "jdbc:postgresql://localhost:26257/defaultdb?sslmode=verify-full&sslrootcert=certs%2Fca.crt");
        assertThat(target.user()).isEqualTo("root");
        assertThat(target.password()).isNull();
    }

    @Test
    void shouldAcceptThePostgresScheme() {
        JdbcTarget target = JdbcTarget.parse("postgres://bob:pw@127.0.0.1/test");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/test");
        assertThat(target.user()).isEqualTo("bob");
        assertThat(target.password()).isEqualTo("pw");
    }

    @Test
    void shouldAcceptAJdbcUrlWithCredentialsAsParameters() {
        JdbcTarget target = JdbcTarget.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=pw"
                + "&ApplicationName=sink");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=sink");
        assertThat(target.user()).isEqualTo("postgres");
        assertThat(target.password()).isEqualTo("pw");
    }

    @Test
    void shouldAcceptAJdbcUrlWithoutCredentials() {
        JdbcTarget target = JdbcTarget.parse("jdbc:postgresql://127.0.0.1:5432/test");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(target.user()).isNull();
        assertThat(target.password()).isNull();
    }

    @Test
    void shouldDecodePercentEncodedCredentials() {
        JdbcTarget target = JdbcTarget.parse("postgresql://us%40er:p%3Aa%2Fss+word@host:5432/db");

        assertThat(target.user()).isEqualTo("us@er");
        assertThat(target.password()).isEqualTo("p:a/ss+word");
    }

    @Test
    void shouldAcceptMultipleHostsAndIpv6Addresses() {
        assertThat(JdbcTarget.parse("postgresql://u@node1:26257,node2:26257/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://node1:26257,node2:26257/db");
        assertThat(JdbcTarget.parse("postgresql://u@[::1]:5432/db").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/db");
    }

    @Test
    void shouldRoundTripToADatabaseUrl() {
        String url = "postgresql://us%40er:p%3Ass@host:5432/db?sslmode=disable";

        JdbcTarget target = JdbcTarget.parse(url);

        assertThat(target.databaseUrl()).isEqualTo(url);
        assertThat(JdbcTarget.parse(target.databaseUrl())).isEqualTo(target);
    }

    @Test
    void shouldRejectAnUnknownSchemeNamingTheVariable() {
        assertThatThrownBy(() -> JdbcTarget.parse("mysql://root:pw@host:3306/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("unknown scheme");
    }

    @Test
    void shouldRejectAnEmptyValue() {
        assertThatThrownBy(() -> JdbcTarget.parse(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> JdbcTarget.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL");
    }

    @Test
    void shouldRejectABadPortWithoutShowingThePassword() {
        assertThatThrownBy(() -> JdbcTarget.parse("postgresql://alice:topsecret@host:54x2/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("port '54x2'")
                .hasMessageContaining("alice:***@host")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void shouldRejectAMissingHost() {
        assertThatThrownBy(() -> JdbcTarget.parse("postgresql://alice:pw@/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
    }

    @Test
    void shouldRejectAPortOutOfRange() {
        assertThatThrownBy(() -> JdbcTarget.parse("postgresql://host:70000/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port '70000'");
    }

    @Test
    void shouldNotShowThePasswordInToString() {
        assertThat(JdbcTarget.parse("postgresql://alice:topsecret@host/db").toString())
                .doesNotContain("topsecret")
                .contains("alice");
    }
}
