package io.tradingengine.api.accounts;

import io.tradingengine.avro.Rules;
import io.tradingengine.schemas.Decimals;
import java.util.Locale;

/** The rules of an assessment as JSON: percentages and leverage as decimal strings, null when not enforced. */
public record RulesResponse(String maxDrawdownPercent, String drawdownMode, String dailyLossPercent,
                            String profitTargetPercent, String maxOrderNotionalPercent,
                            String maxPositionNotionalPercent, String maxLeverage, String dailyResetTime,
                            String dailyResetZone) {

    public static RulesResponse of(Rules rules) {
        return new RulesResponse(Decimals.text(rules.getMaxDrawdownPercent()),
                rules.getDrawdownMode() == null ? null : rules.getDrawdownMode().name().toLowerCase(Locale.ROOT),
                Decimals.text(rules.getDailyLossPercent()), Decimals.text(rules.getProfitTargetPercent()),
                Decimals.text(rules.getMaxOrderNotionalPercent()), Decimals.text(rules.getMaxPositionNotionalPercent()),
                Decimals.text(rules.getMaxLeverage()), rules.getDailyResetTime(), rules.getDailyResetZone());
    }
}
