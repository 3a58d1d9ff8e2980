/**
 * The operator's public product catalogue, as first seeded into an empty database
 * (see CatalogService.seedIfEmpty). The Chinese text is authoritative; the English
 * text is its counterpart for international visitors. Images live in ./images/.
 */

export type Localised = { 'zh-CN': string; en: string };

export interface SeedCategory {
  slug: string;
  name: Localised;
  position: number;
}

export interface SeedProduct {
  slug: string;
  categorySlug: string;
  position: number;
  name: Localised;
  summary: Localised;
  description: Localised;
  features: Localised[];
  specs: { label: Localised; value: Localised }[];
  image: string;
}

const t = (zh: string, en: string): Localised => ({ 'zh-CN': zh, en });
const spec = (labelZh: string, labelEn: string, valueZh: string, valueEn: string) => ({
  label: t(labelZh, labelEn),
  value: t(valueZh, valueEn),
});

export const seedCategories: SeedCategory[] = [
  { slug: 'smart-door-locks', position: 1, name: t('智能门锁', 'Smart door locks') },
  { slug: 'video-locks-doorbells', position: 2, name: t('可视门锁与门铃', 'Video locks & doorbells') },
  { slug: 'smart-home', position: 3, name: t('智能家居网关与传感器', 'Smart-home hub & sensors') },
  { slug: 'commercial-access', position: 4, name: t('商用与企业门禁', 'Commercial & enterprise access') },
];

export const seedProducts: SeedProduct[] = [
  // ── Smart door locks ───────────────────────────────────────────────────────
  {
    slug: 'k21-max',
    categorySlug: 'smart-door-locks',
    position: 1,
    name: t('K21 Max 全自动推拉指纹锁', 'K21 Max Automatic Push-Pull Smart Lock'),
    summary: t(
      '指纹一触，轻推即开；关门自动上锁，回家从此不用腾手。',
      'One touch of your fingerprint, one gentle push, and you are in. It locks itself behind you.',
    ),
    description: t(
      'K21 Max 是我们的旗舰全自动智能锁。把手内置半导体活体指纹模组，识别速度不到 0.5 秒，手指微湿、轻微脱皮也能稳定识别；推拉式把手顺势一推即可开门，双手拎满东西也不费力。门关上后电机自动带动锁舌上锁，再也不用担心“门到底锁没锁”。配合手机 App，可以随时查看开门记录、为家人和访客分配临时密码。',
      'K21 Max is our flagship fully automatic smart lock. A semiconductor live-fingerprint sensor sits in the handle and recognises you in under half a second, even with slightly damp or dry fingers. The push-pull handle opens the door in one natural motion, so full shopping bags are no obstacle. When the door closes, the motor throws the bolt automatically — no more wondering whether you locked up. The companion app shows every entry and lets you issue temporary codes to family and guests.',
    ),
    features: [
      t('半导体活体指纹识别，0.5 秒内开门，可录入 100 组指纹', 'Semiconductor live-fingerprint sensor: opens in under 0.5 s, stores up to 100 fingerprints'),
      t('推拉式把手，一推即开，一拉即关', 'Push-pull handle: push to open, pull to close'),
      t('关门自动上锁，锁舌到位有语音提示', 'Locks automatically when the door closes, with a voice confirmation'),
      t('虚位密码防偷窥，密码前后可加任意数字', 'Anti-peep PIN: add random digits before or after your real code'),
      t('C 级锁芯 + 机械钥匙，Type-C 应急供电双重保障', 'C-grade cylinder with mechanical key, plus USB-C emergency power'),
      t('App 远程查看开门记录，一键下发临时密码', 'See entry history in the app and send temporary codes in one tap'),
    ],
    specs: [
      spec('开锁方式', 'Unlock methods', '指纹 / 密码 / NFC 卡 / App / 机械钥匙', 'Fingerprint / PIN / NFC card / app / mechanical key'),
      spec('适用门厚', 'Door thickness', '40–120 mm', '40–120 mm'),
      spec('面板材质', 'Panel material', '航空级铝合金，阳极氧化', 'Anodised aerospace-grade aluminium'),
      spec('供电', 'Power', '8 节 5 号碱性电池，续航约 10 个月', '8 × AA alkaline batteries, about 10 months'),
      spec('联网方式', 'Connectivity', 'Wi-Fi 2.4 GHz + 蓝牙 5.0', 'Wi-Fi 2.4 GHz + Bluetooth 5.0'),
    ],
    image: 'k21-max.svg',
  },
  {
    slug: 's6-lite',
    categorySlug: 'smart-door-locks',
    position: 2,
    name: t('S6 Lite 智能指纹锁', 'S6 Lite Fingerprint Smart Lock'),
    summary: t(
      '入门首选，指纹、密码、刷卡三合一，老房换锁一小时搞定。',
      'An easy first smart lock: fingerprint, PIN and card in one, fitted to most existing doors in about an hour.',
    ),
    description: t(
      'S6 Lite 为第一次用上智能锁的家庭而设计：经典执手造型，开门习惯不用改；指纹、密码、门卡三种方式随心切换，老人孩子都能轻松上手。兼容市面上绝大多数国标防盗门，无需改孔，安装师傅上门约一小时即可完成。低电量会提前语音提醒，电池耗尽时还能用充电宝通过 Type-C 口应急开门。',
      'S6 Lite is designed for households getting their first smart lock. The classic lever handle keeps your door habits unchanged, and fingerprint, PIN and card give everyone — grandparents and children included — an easy way in. It fits the vast majority of standard Chinese security doors without re-drilling, and a technician can install it in about an hour. A voice warning tells you well before the batteries run low, and if they ever run flat, a power bank on the USB-C port will open the door.',
    ),
    features: [
      t('光学指纹识别，可录入 50 组指纹', 'Optical fingerprint sensor, stores up to 50 fingerprints'),
      t('指纹、密码、门卡三种开门方式', 'Three ways in: fingerprint, PIN and card'),
      t('兼容绝大多数国标防盗门，免改孔安装', 'Fits most standard security doors without re-drilling'),
      t('低电量提前语音提醒，Type-C 应急供电', 'Early low-battery voice alert and USB-C emergency power'),
      t('防撬报警，面板被强行拆卸时本地鸣响', 'Tamper alarm sounds if the panel is forced'),
    ],
    specs: [
      spec('开锁方式', 'Unlock methods', '指纹 / 密码 / IC 卡 / 机械钥匙', 'Fingerprint / PIN / IC card / mechanical key'),
      spec('适用门厚', 'Door thickness', '40–100 mm', '40–100 mm'),
      spec('面板材质', 'Panel material', '锌合金', 'Zinc alloy'),
      spec('供电', 'Power', '4 节 5 号碱性电池，续航约 12 个月', '4 × AA alkaline batteries, about 12 months'),
      spec('锁芯等级', 'Cylinder grade', 'C 级', 'Grade C'),
    ],
    image: 's6-lite.svg',
  },
  {
    slug: 'r3-slim',
    categorySlug: 'smart-door-locks',
    position: 3,
    name: t('R3 Slim 室内门指纹锁', 'R3 Slim Interior Door Lock'),
    summary: t(
      '专为卧室、书房和出租屋单间打造，超薄机身，指纹密码双重开门。',
      'Made for bedrooms, studies and rented rooms: an ultra-slim body with fingerprint and PIN entry.',
    ),
    description: t(
      'R3 Slim 面板厚度仅 18 mm，装在木门、套装门上也轻巧不突兀。对于合租公寓和民宿房东，每个房间都可以单独设置密码，租客退房后在 App 里一键作废，无需再换锁芯、收钥匙。静音电机开合几乎无声，夜里回房不会吵醒家人。',
      'With a panel just 18 mm thick, R3 Slim sits neatly on wooden and composite interior doors. Landlords of shared flats and guesthouses can give every room its own codes and cancel them in the app when a tenant moves out — no more changing cylinders or collecting keys. A near-silent motor means coming in late will not wake anyone.',
    ),
    features: [
      t('18 mm 超薄面板，适配木门与套装门', '18 mm ultra-slim panel for wooden and composite doors'),
      t('指纹 + 密码双重开门，可录入 30 组指纹', 'Fingerprint and PIN entry, up to 30 fingerprints'),
      t('房东模式：按房间分配密码，退租一键作废', 'Landlord mode: per-room codes, revoked in one tap at move-out'),
      t('静音电机，夜间开关门不扰人', 'Quiet motor for late-night comings and goings'),
    ],
    specs: [
      spec('开锁方式', 'Unlock methods', '指纹 / 密码 / 蓝牙 / 机械钥匙', 'Fingerprint / PIN / Bluetooth / mechanical key'),
      spec('适用门厚', 'Door thickness', '35–55 mm', '35–55 mm'),
      spec('面板厚度', 'Panel thickness', '18 mm', '18 mm'),
      spec('供电', 'Power', '4 节 7 号碱性电池，续航约 8 个月', '4 × AAA alkaline batteries, about 8 months'),
      spec('颜色', 'Colours', '雾白 / 胡桃棕', 'Mist white / walnut brown'),
    ],
    image: 'r3-slim.svg',
  },

  // ── Video locks & doorbells ────────────────────────────────────────────────
  {
    slug: 'v9-vision',
    categorySlug: 'video-locks-doorbells',
    position: 4,
    name: t('V9 Vision 3D 人脸识别可视锁', 'V9 Vision 3D Face-Recognition Video Lock'),
    summary: t(
      '3D 结构光人脸识别，走近即开；门外有人，手机秒看。',
      '3D structured-light face recognition opens as you approach; see who is at the door from your phone in seconds.',
    ),
    description: t(
      'V9 Vision 搭载 3D 结构光人脸识别模组，逐点测量面部深度信息，照片、视频和面具都骗不过它；走到门前自动唤醒，无需任何触碰即可开门。面板上方的 2K 广角摄像头配合室内 4.5 英寸高清屏，门外来访一目了然；有人在门口长时间逗留，手机会第一时间收到抓拍提醒。除人脸外，同样支持指纹、密码和门卡开门。',
      'V9 Vision uses a 3D structured-light face module that measures depth point by point, so photos, videos and masks cannot fool it. It wakes as you walk up and opens without a touch. A 2K wide-angle camera above the panel and a 4.5-inch indoor screen show you exactly who is outside, and if someone lingers at the door you get a snapshot alert on your phone straight away. Fingerprint, PIN and card entry are supported too.',
    ),
    features: [
      t('3D 结构光人脸识别，防照片、视频与面具攻击', '3D structured-light face recognition that resists photos, videos and masks'),
      t('2K 广角猫眼摄像头，夜视清晰可见', '2K wide-angle door camera with clear night vision'),
      t('室内 4.5 英寸高清屏，一键查看门外', '4.5-inch indoor HD screen shows the doorstep at a touch'),
      t('门外逗留自动抓拍，手机实时推送', 'Automatic snapshots when someone lingers, pushed to your phone'),
      t('App 远程视频通话，不在家也能应门', 'Two-way video calls in the app: answer the door from anywhere'),
      t('人脸、指纹、密码、门卡多种开门方式', 'Face, fingerprint, PIN and card entry'),
    ],
    specs: [
      spec('识别方式', 'Recognition', '3D 结构光人脸 / 半导体指纹', '3D structured-light face / semiconductor fingerprint'),
      spec('摄像头', 'Camera', '2K，166° 广角，红外夜视', '2K, 166° wide angle, infrared night vision'),
      spec('室内屏', 'Indoor screen', '4.5 英寸 IPS', '4.5-inch IPS'),
      spec('供电', 'Power', '8000 mAh 可充电锂电池，续航约 6 个月', '8000 mAh rechargeable lithium battery, about 6 months'),
      spec('联网方式', 'Connectivity', 'Wi-Fi 2.4 GHz + 蓝牙 5.0', 'Wi-Fi 2.4 GHz + Bluetooth 5.0'),
      spec('适用门厚', 'Door thickness', '45–120 mm', '45–120 mm'),
    ],
    image: 'v9-vision.svg',
  },
  {
    slug: 'v5-peephole',
    categorySlug: 'video-locks-doorbells',
    position: 5,
    name: t('V5 猫眼可视智能锁', 'V5 Peephole Video Lock'),
    summary: t(
      '指纹锁与电子猫眼合二为一，门内大屏看门外，老人孩子在家更安心。',
      'A fingerprint lock and digital peephole in one: a large indoor screen shows who is outside, so family at home can feel safe.',
    ),
    description: t(
      'V5 把电子猫眼直接集成进门锁面板，不用在门上另外开孔。有人按门铃时，室内屏自动亮起显示门外画面，老人和孩子不必凑到猫眼前张望；家里没人时，门铃呼叫会转接到手机。夜间红外补光，楼道再暗也看得清。',
      'V5 builds a digital peephole right into the lock panel, so there is no extra hole to drill. When someone rings, the indoor screen lights up with a view of the doorstep — nobody has to stoop to a spyhole. When you are out, the doorbell call rings through to your phone, and infrared lighting keeps the picture clear in even the darkest stairwell.',
    ),
    features: [
      t('电子猫眼集成于面板，免额外开孔', 'Digital peephole built into the panel — no extra drilling'),
      t('门铃呼叫时室内屏自动亮屏', 'Indoor screen wakes automatically when the doorbell rings'),
      t('无人在家时呼叫转接至手机', 'Calls forward to your phone when nobody is home'),
      t('半导体指纹识别，可录入 100 组指纹', 'Semiconductor fingerprint sensor, up to 100 fingerprints'),
      t('红外夜视，楼道昏暗也清晰', 'Infrared night vision for dim stairwells'),
    ],
    specs: [
      spec('开锁方式', 'Unlock methods', '指纹 / 密码 / NFC 卡 / App / 机械钥匙', 'Fingerprint / PIN / NFC card / app / mechanical key'),
      spec('摄像头', 'Camera', '1080P，150° 广角，红外夜视', '1080p, 150° wide angle, infrared night vision'),
      spec('室内屏', 'Indoor screen', '4 英寸 IPS', '4-inch IPS'),
      spec('供电', 'Power', '锁体 8 节 5 号电池 + 屏幕 5000 mAh 锂电池', 'Lock: 8 × AA; screen: 5000 mAh lithium battery'),
      spec('适用门厚', 'Door thickness', '40–110 mm', '40–110 mm'),
    ],
    image: 'v5-peephole.svg',
  },
  {
    slug: 'd2-doorbell',
    categorySlug: 'video-locks-doorbells',
    position: 6,
    name: t('D2 智能可视门铃', 'D2 Smart Video Doorbell'),
    summary: t(
      '免布线安装，2K 画质看清每一位来访者，快递到了手机就知道。',
      'Wire-free installation and 2K video of every visitor — your phone tells you when a parcel arrives.',
    ),
    description: t(
      'D2 采用电池供电，背胶或两颗螺丝就能装好，出租房也不用动线路。2K 高清画面配合人形侦测，只在真正有人来时才提醒，树影、车灯不会误报。快递员按铃时，你可以在手机上直接对话，告诉他把包裹放在哪里。录像可存本地 TF 卡，也可选择云存储。',
      'D2 runs on batteries and mounts with adhesive or two screws, so even renters can fit it without touching any wiring. 2K video and person detection mean it only alerts you when someone is really there — not for swaying trees or passing headlights. When a courier rings, talk to them from your phone and tell them where to leave the parcel. Recordings go to a local microSD card or, if you prefer, to cloud storage.',
    ),
    features: [
      t('电池供电，免布线，5 分钟装好', 'Battery powered and wire-free: up in five minutes'),
      t('2K 高清，160° 超广角', '2K HD with a 160° ultra-wide view'),
      t('人形侦测，减少无效提醒', 'Person detection cuts out false alerts'),
      t('手机双向语音，远程应答访客', 'Two-way audio: answer visitors from your phone'),
      t('附赠室内叮咚器，声音可选', 'Indoor chime included, with selectable tones'),
    ],
    specs: [
      spec('分辨率', 'Resolution', '2K（2560 × 1440）', '2K (2560 × 1440)'),
      spec('视角', 'Field of view', '160°', '160°'),
      spec('供电', 'Power', '6000 mAh 可充电电池，续航约 4 个月', '6000 mAh rechargeable battery, about 4 months'),
      spec('存储', 'Storage', 'TF 卡（最大 128 GB）/ 云存储', 'microSD (up to 128 GB) / cloud storage'),
      spec('防护等级', 'Weather rating', 'IP65', 'IP65'),
    ],
    image: 'd2-doorbell.svg',
  },

  // ── Smart-home hub & sensors ───────────────────────────────────────────────
  {
    slug: 'h1-hub',
    categorySlug: 'smart-home',
    position: 7,
    name: t('H1 智能家居网关', 'H1 Smart Home Hub'),
    summary: t(
      '全屋智能的中枢：门锁、传感器和灯光统一接入，一个 App 全搞定。',
      'The heart of a smart home: locks, sensors and lights connected together and controlled from one app.',
    ),
    description: t(
      'H1 同时支持 Zigbee 3.0、蓝牙 Mesh 和 Wi-Fi，可接入多达 128 个子设备。把门锁、门窗传感器和人体传感器连到 H1 上，就能设置回家场景：开门后玄关灯自动亮起、窗帘缓缓拉开；离家后自动布防，有异常立即推送。场景在本地执行，即使断网也照常运行。',
      'H1 speaks Zigbee 3.0, Bluetooth Mesh and Wi-Fi and can manage up to 128 devices. Connect your door lock, door and window sensors and motion sensors, then build a welcome-home scene: open the front door and the hallway light comes on while the curtains draw back. Leave and the house arms itself, alerting you to anything unusual. Scenes run locally, so they keep working even if the internet goes down.',
    ),
    features: [
      t('Zigbee 3.0 + 蓝牙 Mesh + Wi-Fi 三模合一', 'Zigbee 3.0, Bluetooth Mesh and Wi-Fi in one'),
      t('最多接入 128 个子设备', 'Connects up to 128 devices'),
      t('本地场景联动，断网照常运行', 'Local automations that keep running offline'),
      t('内置 90 dB 警笛与氛围灯环', 'Built-in 90 dB siren and ambient light ring'),
      t('与门锁联动，开门即触发回家场景', 'Works with your door lock to start the welcome-home scene'),
    ],
    specs: [
      spec('无线协议', 'Wireless', 'Zigbee 3.0 / 蓝牙 Mesh / Wi-Fi 2.4 GHz', 'Zigbee 3.0 / Bluetooth Mesh / Wi-Fi 2.4 GHz'),
      spec('子设备容量', 'Device capacity', '128 个', '128 devices'),
      spec('供电', 'Power', 'USB-C 5 V / 1 A', 'USB-C 5 V / 1 A'),
      spec('尺寸', 'Dimensions', '86 × 86 × 28 mm', '86 × 86 × 28 mm'),
    ],
    image: 'h1-hub.svg',
  },
  {
    slug: 'm1-door-sensor',
    categorySlug: 'smart-home',
    position: 8,
    name: t('M1 门窗传感器', 'M1 Door & Window Sensor'),
    summary: t(
      '门窗一开一合，手机立即知道；出门忘关窗，也会提醒你。',
      'Know the moment a door or window opens — and get a reminder if you leave one open when you go out.',
    ),
    description: t(
      'M1 由传感器主体和磁铁两部分组成，贴在门框与门扇上即可使用。门窗状态变化会实时同步到 App，配合 H1 网关还能联动灯光、警笛等设备。一颗纽扣电池可用约两年，机身小巧，贴在窗框上几乎看不出来。',
      'M1 comes in two parts — the sensor and a magnet — that stick to the frame and the door or window. Every change is reported to the app in real time, and with the H1 hub it can trigger lights, the siren and more. A single coin cell lasts about two years, and the body is small enough to disappear on a window frame.',
    ),
    features: [
      t('开合状态实时推送', 'Real-time open and close notifications'),
      t('离家布防时门窗未关自动提醒', 'Reminds you about open windows when you arm the house'),
      t('背胶安装，无需打孔', 'Adhesive mounting, no drilling'),
      t('纽扣电池续航约两年', 'Coin cell lasts about two years'),
    ],
    specs: [
      spec('无线协议', 'Wireless', 'Zigbee 3.0（需配合网关）', 'Zigbee 3.0 (hub required)'),
      spec('电池', 'Battery', 'CR2032 纽扣电池', 'CR2032 coin cell'),
      spec('感应间距', 'Trigger gap', '≤ 22 mm', '≤ 22 mm'),
      spec('尺寸', 'Dimensions', '主体 41 × 22 × 11 mm', 'Sensor 41 × 22 × 11 mm'),
    ],
    image: 'm1-door-sensor.svg',
  },
  {
    slug: 'p1-motion-sensor',
    categorySlug: 'smart-home',
    position: 9,
    name: t('P1 人体传感器', 'P1 Motion Sensor'),
    summary: t(
      '有人经过即刻感知，起夜自动亮灯，家中异动及时报警。',
      'Senses movement instantly: lights the way at night and alerts you to activity while you are out.',
    ),
    description: t(
      'P1 采用高灵敏度热释电探头，170° 广角覆盖整个客厅或走廊，并内置光照传感器，可以只在天黑时自动亮灯。家里无人时，P1 检测到异常活动会通过 H1 网关触发警笛并推送到手机。配有磁吸支架，墙面、柜顶随手一放即可。',
      'P1 uses a highly sensitive passive-infrared detector with a 170° view that covers a whole living room or hallway. A built-in light sensor lets it switch lights on only when it is dark. While the house is empty, any activity it detects can sound the siren through the H1 hub and notify your phone. A magnetic stand means it can sit on a wall, shelf or cabinet top.',
    ),
    features: [
      t('170° 广角热释电探测，最远 7 米', '170° passive-infrared detection up to 7 m'),
      t('内置光照传感器，只在天黑时亮灯', 'Built-in light sensor: lights on only when it is dark'),
      t('离家布防，异动报警', 'Arms with the house and alerts you to activity'),
      t('磁吸支架，角度随意调节', 'Magnetic stand with adjustable angle'),
    ],
    specs: [
      spec('探测范围', 'Detection range', '170°，最远 7 m', '170°, up to 7 m'),
      spec('无线协议', 'Wireless', 'Zigbee 3.0（需配合网关）', 'Zigbee 3.0 (hub required)'),
      spec('电池', 'Battery', 'CR2450 纽扣电池，续航约两年', 'CR2450 coin cell, about two years'),
      spec('尺寸', 'Dimensions', 'Φ 33 × 30 mm', 'Ø 33 × 30 mm'),
    ],
    image: 'p1-motion-sensor.svg',
  },

  // ── Commercial & enterprise access ─────────────────────────────────────────
  {
    slug: 'c8-hotel',
    categorySlug: 'commercial-access',
    position: 10,
    name: t('C8 Pro 酒店智能门锁', 'C8 Pro Hotel Lock'),
    summary: t(
      '刷卡、手机开门双通道，与前台系统无缝对接，适合酒店、公寓与民宿。',
      'Card and mobile-key entry, integrated with the front-desk system — built for hotels, serviced apartments and guesthouses.',
    ),
    description: t(
      'C8 Pro 面向酒店与长租公寓批量部署：前台发卡系统写入的房卡可直接使用，也支持通过小程序下发手机钥匙，客人到店即可入住。每一次开门都带时间戳记录，管理后台可集中查看电量和异常状态，退房后房卡与手机钥匙自动失效。锁体采用 304 不锈钢，满足高频开关门的耐用要求。',
      'C8 Pro is built for deployment at scale across hotels and long-stay apartments. Key cards written by the front-desk system work straight away, and mobile keys can be sent through a mini-program so guests can go straight to their room. Every entry is time-stamped, the management console shows battery levels and faults for the whole property, and cards and mobile keys expire automatically at checkout. The 304 stainless-steel mortise is made for heavy daily use.',
    ),
    features: [
      t('兼容 Mifare 房卡，对接主流酒店管理系统', 'Works with Mifare key cards and common hotel management systems'),
      t('小程序下发手机钥匙，无接触入住', 'Mobile keys via mini-program for contact-free check-in'),
      t('退房自动失效，开门记录可追溯', 'Keys expire at checkout; every entry is traceable'),
      t('管理后台集中查看电量与异常', 'Central console for battery levels and faults'),
      t('304 不锈钢锁体，耐用免维护', '304 stainless-steel mortise, durable and low-maintenance'),
    ],
    specs: [
      spec('开锁方式', 'Unlock methods', 'Mifare 卡 / 手机钥匙 / 机械钥匙', 'Mifare card / mobile key / mechanical key'),
      spec('锁体', 'Mortise', '304 不锈钢，带反锁功能', '304 stainless steel with privacy deadbolt'),
      spec('供电', 'Power', '4 节 5 号碱性电池，续航约 12 个月', '4 × AA alkaline batteries, about 12 months'),
      spec('记录容量', 'Log capacity', '本地 1000 条，可上传云端', '1,000 entries on device, synced to the cloud'),
      spec('适用门厚', 'Door thickness', '38–60 mm', '38–60 mm'),
    ],
    image: 'c8-hotel.svg',
  },
  {
    slug: 'f3-access-terminal',
    categorySlug: 'commercial-access',
    position: 11,
    name: t('F3 人脸识别门禁一体机', 'F3 Face-Recognition Access Terminal'),
    summary: t(
      '刷脸通行 0.3 秒，支持万人库，办公楼、园区、工厂一机搞定。',
      'Face-based entry in 0.3 s with a 10,000-person library — one terminal for offices, campuses and factories.',
    ),
    description: t(
      'F3 配备双目活体检测摄像头和 8 英寸触控屏，员工走到门前 0.3 秒完成识别放行，戴口罩、逆光环境下依然稳定。单机可存储 1 万张人脸底库，支持通过 HTTP 接口与企业考勤、访客系统对接，访客预约后生成临时通行权限，到期自动回收。通行记录与抓拍图片按企业设定的保存期限自动清理。',
      'F3 combines a binocular liveness camera with an 8-inch touchscreen. Staff are recognised and let through in 0.3 s, reliably even with masks or strong backlight. Each terminal stores up to 10,000 enrolled faces and connects to attendance and visitor systems over an HTTP API; visitors who book in advance receive temporary access that is withdrawn automatically when it expires. Entry logs and snapshots are deleted automatically after the retention period the organisation sets.',
    ),
    features: [
      t('双目活体检测，防照片与视频攻击', 'Binocular liveness detection resists photo and video spoofing'),
      t('0.3 秒识别，支持 1 万人脸底库', '0.3 s recognition with a 10,000-face library'),
      t('戴口罩、逆光环境稳定识别', 'Reliable with masks and in strong backlight'),
      t('开放 HTTP 接口，对接考勤与访客系统', 'Open HTTP API for attendance and visitor systems'),
      t('访客临时权限到期自动回收', 'Temporary visitor access withdrawn automatically on expiry'),
      t('通行记录按设定期限自动清理', 'Entry logs cleared automatically after a set retention period'),
    ],
    specs: [
      spec('屏幕', 'Screen', '8 英寸 IPS 触控屏', '8-inch IPS touchscreen'),
      spec('摄像头', 'Camera', '200 万像素双目宽动态', '2 MP binocular, wide dynamic range'),
      spec('识别速度', 'Recognition time', '≤ 0.3 s', '≤ 0.3 s'),
      spec('底库容量', 'Library size', '10,000 张人脸', '10,000 faces'),
      spec('接口', 'Interfaces', '以太网 / Wi-Fi / 韦根 / 继电器输出', 'Ethernet / Wi-Fi / Wiegand / relay output'),
      spec('防护等级', 'Weather rating', 'IP65', 'IP65'),
    ],
    image: 'f3-access-terminal.svg',
  },
];
