package io.tradingengine.app;

import io.tradingengine.api.auth.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Mints a JWT with the configured secret ({@code JWT_SECRET}, or in dev the secret kept under the data dir). */
@Command(name = "token", description = "Mint a bearer token: token --sub <user> --role <trader|admin>.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--sub", required = true, description = "User id (the token's sub claim).")
    private String subject;

    @Option(names = "--role", required = true, split = ",", description = "trader, admin (repeat or comma list).")
    private List<String> roles;

    @Option(names = "--ttl", defaultValue = "PT12H", description = "Lifetime as an ISO-8601 duration (default PT12H).")
    private Duration ttl;

    @Override
    public Integer call() throws Exception {
        for (String role : roles) {
            if (!role.equals("trader") && !role.equals("admin")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--role must be trader or admin, got '" + role + "'");
            }
        }
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        String secret = DevSecrets.jwtSecret(config, false);
        System.out.println(Tokens.mint(secret, subject, roles, ttl));
        return 0;
    }
}
