// quotes-service's code these tests drive. When chapter 09 is assembled only the paths change
// ('../../07-breakers/quotes-service/…' → '../quotes-service/…').
export { buildApp as buildQuotesApp } from '../../07-breakers/quotes-service/src/app';
export { QUOTES } from '../../07-breakers/quotes-service/src/quotes';
