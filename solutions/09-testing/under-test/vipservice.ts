// vipservice's code these tests drive (the chapter's own).
export { consumeVipNotifications } from '../vipservice/src/vip-consumer';
export { RecentVips } from '../vipservice/src/recent-vips';
