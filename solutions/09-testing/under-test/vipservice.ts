// vipservice's code these tests drive. When chapter 09 is assembled only the paths change
// ('../../07-breakers/vipservice/…' → '../vipservice/…').
export { consumeVipNotifications } from '../../07-breakers/vipservice/src/vip-consumer';
export { RecentVips } from '../../07-breakers/vipservice/src/recent-vips';
