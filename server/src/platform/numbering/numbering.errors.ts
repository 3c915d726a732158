import { conflict } from '../errors.js';

export const NumberingErrors = {
  alreadyVoided: (year: number, value: number) =>
    conflict('NUMBER_ALREADY_VOIDED', `${year} 年的第 ${value} 号已经作废，不能重复作废`, 'value'),
};
