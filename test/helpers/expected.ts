/**
 * SPEC.md §8's amounts for 2022-10, per unit: pm25, pm25Rate, pm10, pm10Rate, goodDays, net (万元).
 * Worked by hand from 第四条 (the working is in test/engine.worked-example.test.ts).
 */
export const SPEC_EXAMPLE_AMOUNTS: Record<string, [string, string, string, string, string, string]> = {
  魏都区: ['20', '139.5', '15', '24', '40', '238.5'],
  建安区: ['-20', '-143', '-15', '-13', '-20', '-211'],
  城乡一体化示范区: ['40', '94', '35', '4', '60', '233'],
  经济技术开发区: ['-40', '-80', '-65', '-42', '-60', '-287'],
  东城区: ['10', '30', '5', '12', '20', '77'],
  禹州市: ['0', '55.5', '5', '30', '-20', '70.5'],
  长葛市: ['-30', '-73', '-10', '-21', '-40', '-174'],
  鄢陵县: ['20', '-22.5', '45', '13', '40', '95.5'],
  襄城县: ['-10', '-132.5', '-35', '-11', '0', '-188.5'],
};

export const SPEC_EXAMPLE_TOTALS = { deductions: '903', rewards: '757', surplus: '146', shortfall: '0' };
export const SPEC_EXAMPLE_PAYOUT_TOTALS = { deductions: '903', rewards: '0', surplus: '903', shortfall: '0' };
